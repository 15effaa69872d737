/**
 * npm run verify -- [--stack local|cluster] [--wait <seconds>]
 *
 * Talks to the running stack as a user would and prints one line per check; exits 1 when any fails.
 * `npm run up` runs it at the end. On Kubernetes it goes through the port-forwards the README gives.
 */
import { parseArgs } from "node:util";
import { readStackFile } from "../stacks/config/fromStackFile.ts";
import { runCli, UsageError } from "./cli.ts";
import { verifyRunningStack } from "./verify/verifyRunningStack.ts";

runCli("usage: npm run verify -- [--stack local|cluster] [--wait <seconds>]", async (argv) => {
  const { values } = parseArgs({ args: argv, options: { stack: { type: "string", default: "local" }, wait: { type: "string", default: "60" } }, strict: true });
  const waitSeconds = Number(values.wait);
  if (!Number.isFinite(waitSeconds) || waitSeconds < 0) throw new UsageError(`--wait must be a number of seconds, not ${JSON.stringify(values.wait)}`);
  const config = readStackFile(values.stack);
  console.log(`Verify stack "${values.stack}" (${config.target}):`);
  process.exitCode = await verifyRunningStack(values.stack, config, { waitSeconds });
});
