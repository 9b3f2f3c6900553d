/**
 * `npm run margin -- <command>`: the operator's CLI (see lib/cli). It opens the same database as the app:
 * DATABASE_URL, or the embedded one (sharing it when the app runs, starting it for the command otherwise).
 */
import { execute, resolve } from "@/lib/cli/run";
import { openDatabase } from "@/lib/db/database";
import { disconnectPrisma } from "@/lib/db/prisma";
import { exitOnStartupError } from "@/lib/db/startup-error";
import { databaseName, databaseProfile, loadEnvironment } from "@/server/environment";

function print(lines: string[] | undefined, stream: NodeJS.WriteStream) {
  if (lines?.length) stream.write(lines.join("\n") + "\n");
}

async function main() {
  const resolved = resolve(process.argv.slice(2));
  if (!("command" in resolved)) {
    print(resolved.stdout, process.stdout);
    print(resolved.stderr, process.stderr);
    process.exit(resolved.exitCode);
  }
  loadEnvironment(true);
  const database = await openDatabase({ profile: databaseProfile(), database: databaseName() });
  process.env.DATABASE_URL = database.url;
  try {
    const result = await execute(resolved);
    print(result.stdout, process.stdout);
    print(result.stderr, process.stderr);
    process.exitCode = result.exitCode;
  } finally {
    await disconnectPrisma();
    await database.stop();
  }
}

main().catch(exitOnStartupError);
