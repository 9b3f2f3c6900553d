/**
 * An error the operator can fix (bad DATABASE_URL, port taken...). Entry points print its message as one
 * line and exit non-zero instead of showing a stack trace.
 */
export class StartupError extends Error {
  override name = "StartupError";
}

/** The catch-all of an entry point: a StartupError becomes its one-line message, anything else its stack; exit 1. */
export function exitOnStartupError(error: unknown): never {
  if (error instanceof StartupError) {
    process.stderr.write(`margin: ${error.message}\n`);
  } else {
    process.stderr.write(`margin: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
}
