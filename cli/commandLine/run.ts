import { StackConfigError } from "../../config/problems.ts";
import { StackFileError, UnknownStackError } from "../../config/fromStackFile.ts";

/** A mistake in how a command was called: printed with the usage line, exit code 2. */
export class UsageError extends Error {}

/** `--help` was asked for: the message is the help, printed to stdout with exit code 0; nothing else runs. */
export class HelpRequested extends Error {}

/** A problem the user can fix before anything changes (a tool missing, a port taken): exit code 1. */
export class PreconditionError extends Error {}

/**
 * Runs a script's main function with the project's error conventions: usage and config mistakes exit 2
 * with a message saying what to do; nothing the scripts do has side effects before these checks.
 */
export function runCli(usage: string, main: (argv: string[]) => void | Promise<void>): void {
  Promise.resolve()
    .then(() => main(process.argv.slice(2)))
    .catch((error: unknown) => {
      if (error instanceof HelpRequested) {
        console.log(error.message);
        process.exitCode = 0;
      } else if (error instanceof UsageError || (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS"))) {
        console.error(`${error.message}\n${usage}\n(--help explains every option)`);
        process.exitCode = 2;
      } else if (error instanceof StackConfigError || error instanceof UnknownStackError || error instanceof StackFileError) {
        console.error(error.message);
        process.exitCode = 2;
      } else if (error instanceof PreconditionError) {
        console.error(error.message);
        process.exitCode = 1;
      } else {
        console.error(error);
        process.exitCode = 1;
      }
    });
}
