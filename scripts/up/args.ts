import { UsageError } from "../cli.ts";

/**
 * Splits out the options `up` owns (`--stack <name>`, `--stack=<name>`, `--skip-verify`); everything else
 * (a `--` separator dropped) is for `pulumi up`.
 */
export function splitUpArgs(argv: string[]): { stack: string; verify: boolean; pulumiArgs: string[] } {
  let stack = "local";
  let verify = true;
  const pulumiArgs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") continue;
    if (arg === "--stack" || arg === "-s") {
      const value = argv[++i];
      if (value === undefined || value.startsWith("-")) throw new UsageError(`${arg} needs a stack name`);
      stack = value;
    } else if (arg.startsWith("--stack=")) stack = arg.slice("--stack=".length);
    else if (arg === "--skip-verify") verify = false;
    else pulumiArgs.push(arg);
  }
  return { stack, verify, pulumiArgs };
}
