import { createRequire } from "node:module";
import type { StackConfig } from "../../stacks/config/schema.ts";
import { PreconditionError } from "../cli.ts";
import { checkDocker, checkPassphrase, checkPulumiCli, formatChecks, type Check } from "../preflight/checks.ts";
import { checkKubernetesCluster } from "../preflight/kubernetesChecks.ts";
import type { Exec } from "../preflight/exec.ts";

const sdkVersion = (createRequire(import.meta.url)("@pulumi/pulumi/package.json") as { version: string }).version;

/**
 * What a data operation needs before it may change anything: the Pulumi CLI (the Automation API drives
 * it), the target's engine (Docker daemon or cluster), and a passphrase Pulumi can read without asking.
 * `status` needs only the engine.
 */
export async function dataPreflight(
  config: StackConfig,
  exec: Exec,
  options: { needsPulumi: boolean; needsPassphrase: boolean; env: NodeJS.ProcessEnv; print: (line: string) => void },
): Promise<void> {
  const checks: Check[] = options.needsPulumi ? [await checkPulumiCli(exec, sdkVersion)] : [];
  checks.push(config.target === "docker" ? await checkDocker(exec) : await checkKubernetesCluster(exec, config));
  if (options.needsPassphrase) checks.push(checkPassphrase(options.env));
  const failed = checks.filter((check) => !check.ok && !check.warning);
  if (failed.length === 0) return;
  options.print(formatChecks(checks));
  throw new PreconditionError(`${failed.length} check${failed.length === 1 ? "" : "s"} failed; nothing was changed. Fix the lines marked FAIL and run again.`);
}
