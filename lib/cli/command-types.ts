/**
 * What every CLI command shares: its options' description, its output, and its two kinds of failure
 * (exit 1: the command failed; exit 2: bad usage). Apart from commands.ts so that command modules can
 * use them without importing the list of commands.
 */
export type OptionSpec = Record<string, { type: "string" | "boolean"; description: string; required?: boolean }>;

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
