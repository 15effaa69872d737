/**
 * npm run up -- [--stack local|cluster] [-- <extra pulumi up flags>]
 *
 * Preflight first (nothing changes if it fails), then creates the stack in the project's local state on
 * first use, then `pulumi up`, interactive as usual.
 */
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { readStackFile } from "../stacks/config/fromStackFile.ts";
import { PreconditionError, runCli } from "./cli.ts";
import { exec } from "./preflight/exec.ts";
import { preflight } from "./preflight/run.ts";

function pulumi(args: string[]): number {
  const result = spawnSync("pulumi", args, { stdio: "inherit" });
  return result.status ?? 1;
}

runCli("usage: npm run up -- [--stack local|cluster] [-- <pulumi up flags>]", async (argv) => {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { stack: { type: "string", default: "local" } },
    allowPositionals: true,
    strict: true,
  });
  const stack = values.stack;
  const config = readStackFile(stack);
  console.log(`Preflight for stack "${stack}" (${config.target}):`);
  await preflight(config, exec);
  if (pulumi(["stack", "select", "--create", stack]) !== 0) {
    throw new PreconditionError(`Could not select or create the stack "${stack}"; see the Pulumi output above.`);
  }
  process.exitCode = pulumi(["up", "--stack", stack, ...positionals]);
});
