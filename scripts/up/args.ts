import { UP_COMMAND } from "../cli/commands.ts";
import { parseCommandLine } from "../cli/options.ts";

/** Splits out `--stack <name>` / `--stack=<name>`; everything else (a `--` separator dropped) is for `pulumi up`. */
export function splitUpArgs(argv: string[]): { stack: string; pulumiArgs: string[] } {
  const { values, passed } = parseCommandLine(UP_COMMAND, argv);
  return { stack: String(values["stack"]), pulumiArgs: passed };
}
