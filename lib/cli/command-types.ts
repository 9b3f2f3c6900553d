/**
 * What every CLI command shares: its options' description, its output, and its two kinds of failure
 * (exit 1: the command failed; exit 2: bad usage). Apart from commands.ts so that command modules can
 * use them without importing the list of commands.
 */

export type Command = {
  name: string;
  summary: string;
  options: OptionSpec;
  /** Any number of positional arguments, when the command takes them (e.g. files to import). */
  positionals?: { name: string; description: string };
  /** Exactly these positional arguments, in this order (e.g. a project and a record): fewer or more is bad usage. */
  arguments?: { name: string; description: string }[];
  run(values: OptionValues, positionals: string[]): Promise<CommandOutput>;
};
export type OptionSpec = Record<
  string,
  {
    type: "string" | "boolean";
    description: string;
    required?: boolean;
    /** Given any number of times (`--alias A --alias B`): its value is then a list. */
    multiple?: boolean;
  }
>;

/** The parsed options: a string or a flag, or the list of a `multiple` option's values. */
export type OptionValues = Record<string, string | boolean | string[] | undefined>;

/**
 * What a command reports: lines for stdout (the result, machine-readable) and stderr (for people); or,
 * for output too large to hold (an export), a byte stream for stdout and a summary line once it ended.
 */
export type CommandOutput = {
  stdout?: string[];
  stderr?: string[];
  exitCode?: number;
  stream?: { body: ReadableStream<Uint8Array>; summary: Promise<string> };
};

export class CommandFailure extends Error {}

export class UsageError extends Error {}
