import { UP_COMMAND } from "../commandLine/commands.ts";
import { parseCommandLine } from "../commandLine/options.ts";

/** Splits out the options `up` owns (`--stack`, `--skip-verify`); everything else (a `--` separator dropped) is for `pulumi up`. */
export function splitUpArgs(argv: string[]): { stack: string; verify: boolean; pulumiArgs: string[] } {
  const { values, passed } = parseCommandLine(UP_COMMAND, argv);
  return { stack: String(values["stack"]), verify: values["skip-verify"] !== true, pulumiArgs: passed };
}
