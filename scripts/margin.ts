/**
 * `npm run margin -- <command>`: the operator's CLI (see lib/cli). It opens the same database as the app:
 * DATABASE_URL, or the embedded one (sharing it when the app runs, starting it for the command otherwise).
 */
import { execute, resolve } from "@/lib/cli/run";
import { pipeToStdout } from "@/lib/cli/stream-output";
import { openDatabase, type Database } from "@/lib/db/database";
import { disconnectPrisma } from "@/lib/db/prisma";
import { exitOnStartupError } from "@/lib/db/startup-error";
import { databaseName, databaseProfile, loadEnvironment } from "@/server/environment";

function print(lines: string[] | undefined, stream: NodeJS.WriteStream) {
  if (lines?.length) stream.write(lines.join("\n") + "\n");
}

let database: Database | undefined;
let interrupted = false;

// Ctrl-C or a closed terminal during a command (a long import) must still stop a database it started.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    process.stderr.write(`margin: ${signal} received, stopping\n`);
    void disconnectPrisma({ final: true })
      .catch(() => {})
      .then(() => database?.stop())
      .finally(() => process.exit(130));
  });
}

async function main() {
  const resolved = resolve(process.argv.slice(2));
  if (!("command" in resolved)) {
    print(resolved.stdout, process.stdout);
    print(resolved.stderr, process.stderr);
    process.exit(resolved.exitCode);
  }
  loadEnvironment(true);
  database = await openDatabase({ profile: databaseProfile(), database: databaseName() });
  if (interrupted) return;
  process.env.DATABASE_URL = database.url;
  try {
    const result = await execute(resolved);
    if (result.stream) {
      try {
        await pipeToStdout(result.stream.body);
        print([await result.stream.summary], process.stderr);
      } catch (error) {
        print([`${resolved.command.name}: ${(error as Error).message}`], process.stderr);
        result.exitCode = 1;
      }
    }
    print(result.stdout, process.stdout);
    print(result.stderr, process.stderr);
    process.exitCode = result.exitCode;
  } finally {
    await disconnectPrisma();
    await database.stop();
  }
}

main().catch(async (error: unknown) => {
  await disconnectPrisma().catch(() => {});
  await database?.stop().catch(() => {});
  exitOnStartupError(error);
});
