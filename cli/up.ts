/**
 * npm run up -- [--stack local|cluster] [--skip-verify] [<pulumi up flags>]
 *
 * Preflight first (nothing changes if it fails), then creates the stack in the project's local state on
 * first use; refuses there if a secret the stack needs is not set (the stack must exist for
 * `pulumi config set --secret`), then `pulumi up`, interactive as usual, then `npm run verify` against what now runs. Every
 * option this script does not own goes to `pulumi up` (`npm run up -- --yes`).
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { readStackFileWithUnsetSecrets } from "../config/fromStackFile.ts";
import { PreconditionError, runCli } from "./commandLine/run.ts";
import { UP_COMMAND } from "./commandLine/commands.ts";
import { usageLine } from "./commandLine/options.ts";
import { splitUpArgs } from "./up/args.ts";
import { verifyRunningStack } from "./verify/verifyRunningStack.ts";
import { exec } from "./preflight/exec.ts";
import { preflight } from "./preflight/run.ts";
import { ensureStateDir, pulumiBackend } from "./pulumi/backend.ts";
import { renderDirectoryOf } from "./preflight/rendering.ts";
import { renderedNextSteps } from "./up/rendered.ts";
import { renderSwitchProblem } from "./up/renderSwitch.ts";
import { STACK_FACTS } from "../components/factsForConfig.ts";

const REPO_ROOT = fileURLToPath(new URL("..", import.meta.url));

function pulumi(args: string[]): number {
  const result = spawnSync("pulumi", args, { stdio: "inherit", cwd: REPO_ROOT });
  return result.status ?? 1;
}

runCli(usageLine(UP_COMMAND), async (argv) => {
  const { stack, verify, pulumiArgs } = splitUpArgs(argv);
  // An example stack ships without its secrets, and `pulumi config set --secret` needs the stack to exist:
  // refusing before creating it would leave no way to set them. Every other problem is refused here.
  const { config, unsetSecrets } = readStackFileWithUnsetSecrets(stack, STACK_FACTS);
  console.log(`Preflight for stack "${stack}" (${config.target}):`);
  await preflight(config, exec, console.log, { stackName: stack });
  const created = ensureStateDir(pulumiBackend(process.env, REPO_ROOT));
  if (created) console.log(`Created the state directory ${created} (Pulumi's file backend needs it to exist).`);
  if (pulumi(["stack", "select", "--create", stack]) !== 0) {
    throw new PreconditionError(`Could not select or create the stack "${stack}"; see the Pulumi output above.`);
  }
  if (unsetSecrets.length > 0) {
    throw new PreconditionError(
      `The stack "${stack}" needs ${unsetSecrets.length === 1 ? "a secret that is" : "secrets that are"} not set; nothing was deployed:\n` +
        `${unsetSecrets.map((p) => `  - ${p.key}: ${p.message}`).join("\n")}\n` +
        `The stack exists now, and is selected: set ${unsetSecrets.length === 1 ? "it" : "each"} with ` +
        `\`pulumi config set --secret llmobs:<key> <value> --stack ${stack}\`, then run this again.`,
    );
  }
  if (config.target === "kubernetes") {
    const last = spawnSync("pulumi", ["stack", "output", "--json", "--stack", stack], { cwd: REPO_ROOT, encoding: "utf8" });
    const outputs = last.status === 0 ? (JSON.parse(last.stdout || "{}") as Record<string, unknown>) : {};
    const switched = renderSwitchProblem(outputs, config, stack, REPO_ROOT);
    if (switched) throw new PreconditionError(`${switched}\nNothing was changed.`);
  }
  const status = pulumi(["up", "--stack", stack, ...pulumiArgs]);
  const renderedTo = renderDirectoryOf(config);
  if (status === 0 && renderedTo !== undefined) {
    // Nothing runs from rendered manifests until they are applied: there is nothing to verify here.
    console.log(`\n${renderedNextSteps(renderedTo, config, stack)}`);
    return;
  }
  if (status !== 0 || !verify) {
    process.exitCode = status;
    return;
  }
  console.log(`\nVerify stack "${stack}":`);
  process.exitCode = await verifyRunningStack(stack, config);
});
