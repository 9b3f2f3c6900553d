/**
 * Argument parsing, help and exit codes for the CLI: 0 done, 1 the command failed (e.g. email taken),
 * 2 bad usage (unknown command or option, missing or invalid value).
 */
import { parseArgs } from "node:util";
import { storable, unstorableMessage } from "@/lib/text/storable";
import { COMMANDS, CommandFailure, UsageError, type Command, type CommandOutput, type OptionValues } from "./commands";

export type CliResult = CommandOutput & { exitCode: number };

function usage(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return [
    "usage: npm run margin -- <command> [options]",
    "",
    "commands:",
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    "",
    "`npm run margin -- <command> --help` describes a command's options.",
    "Uses DATABASE_URL, or the embedded database (the running app's, or started for the command).",
  ].join("\n");
}

function commandHelp(command: Command): string {
  const options = Object.entries(command.options).map(
    ([name, spec]) =>
      `  --${name}${spec.type === "string" ? " <value>" : ""}${spec.required ? "" : "  (optional)"}${spec.multiple ? "  (repeatable)" : ""}\n      ${spec.description}`,
  );
  const named = [...(command.arguments ?? []), ...(command.positionals ? [command.positionals] : [])];
  const positionals = named.flatMap((argument) => [`  <${argument.name}>`, `      ${argument.description}`]);
  return [
    `usage: npm run margin -- ${command.name}${Object.keys(command.options).length ? " [options]" : ""}${named.map((argument) => ` <${argument.name}>`).join("")}`,
    "",
    command.summary,
    ...(options.length || positionals.length ? ["", "arguments:", ...options, ...positionals] : []),
  ].join("\n");
}

export function findCommand(argv: string[]): { command: Command; rest: string[] } | null {
  for (const command of COMMANDS) {
    const words = command.name.split(" ");
    if (words.every((word, index) => argv[index] === word)) return { command, rest: argv.slice(words.length) };
  }
  return null;
}

/** Parses argv; returns either what to print right away (help, usage errors) or the command and its values. */
export type Resolved = { command: Command; values: OptionValues; positionals: string[] };

export function resolve(argv: string[]): CliResult | Resolved {
  if (argv.length === 0 || argv[0] === "help" || argv[0] === "--help" || argv[0] === "-h")
    return { stdout: [usage()], exitCode: argv.length ? 0 : 2 };
  const found = findCommand(argv);
  if (!found) return { stderr: [`unknown command: ${argv.join(" ")}`, "", usage()], exitCode: 2 };
  const { command, rest } = found;
  if (rest.includes("--help") || rest.includes("-h")) return { stdout: [commandHelp(command)], exitCode: 0 };
  try {
    const options = Object.fromEntries(
      Object.entries(command.options).map(([name, spec]) => [name, { type: spec.type, multiple: spec.multiple ?? false }]),
    );
    const allowPositionals = Boolean(command.positionals || command.arguments);
    const { values, positionals } = parseArgs({ args: rest, options, strict: true, allowPositionals });
    const missing = Object.entries(command.options).find(
      ([name, spec]) => spec.required && (values[name] === undefined || values[name] === ""),
    );
    if (missing) throw new UsageError(`--${missing[0]} is required`);
    // argv cannot carry NUL and Node decodes broken UTF-8 as U+FFFD, but resolve() is the CLI's one door.
    const unstorable = Object.entries(values).find(([, value]) => [value].flat().some((one) => typeof one === "string" && !storable(one)));
    if (unstorable) throw new UsageError(unstorableMessage(`--${unstorable[0]}`));
    const position = positionals.findIndex((value) => !storable(value));
    if (position >= 0) throw new UsageError(unstorableMessage(`argument ${position + 1}`));
    if (command.positionals && positionals.length === 0) throw new UsageError(`give ${command.positionals.name}`);
    if (command.arguments) {
      const wanted = command.arguments;
      if (positionals.length < wanted.length) throw new UsageError(`give ${wanted.map((argument) => `<${argument.name}>`).join(" ")}`);
      if (positionals.length > wanted.length) throw new UsageError(`unexpected argument ${positionals[wanted.length]}`);
    }
    // Only string options are repeatable (OptionSpec), so a list is always of strings.
    return { command, values: values as OptionValues, positionals };
  } catch (error) {
    return { stderr: [`${command.name}: ${(error as Error).message}`, "", commandHelp(command)], exitCode: 2 };
  }
}

export async function execute({ command, values, positionals }: Resolved): Promise<CliResult> {
  try {
    return { exitCode: 0, ...(await command.run(values, positionals)) };
  } catch (error) {
    if (error instanceof UsageError) return { stderr: [`${command.name}: ${error.message}`, "", commandHelp(command)], exitCode: 2 };
    if (error instanceof CommandFailure) return { stderr: [`${command.name}: ${error.message}`], exitCode: 1 };
    throw error;
  }
}
