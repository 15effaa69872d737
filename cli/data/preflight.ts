import type { StackConfig } from "../../config/schema.ts";
import { PreconditionError } from "../commandLine/run.ts";
import { checkDocker, checkPassphrase, checkPulumiCli, formatChecks, type Check } from "../preflight/checks.ts";
import { checkKubernetesCluster } from "../preflight/clusterChecks.ts";
import { configWarningChecks } from "../preflight/configWarnings.ts";
import { renderDirectoryOf, renderingCheck } from "../preflight/rendering.ts";
import type { Exec } from "../preflight/exec.ts";
import type { SecretsProvider } from "../pulumi/secretsProvider.ts";
import { PULUMI_SDK_VERSION } from "../pulumi/sdkVersion.ts";

/**
 * What a data operation needs before it may change anything: the Pulumi CLI (the Automation API drives
 * it), the target's engine (Docker daemon or cluster; none when the cluster stack is rendered to manifests), and a passphrase Pulumi can read without asking
 * when the stack's secrets provider needs one. `status` needs only the engine. Failures and warnings
 * are printed; a failure stops the command.
 */
export async function dataPreflight(
  config: StackConfig,
  exec: Exec,
  options: {
    needsPulumi: boolean;
    needsPassphrase: boolean;
    secretsProvider: () => SecretsProvider;
    env: NodeJS.ProcessEnv;
    print: (line: string) => void;
  },
): Promise<void> {
  const checks: Check[] = [...configWarningChecks(config), ...(options.needsPulumi ? [await checkPulumiCli(exec, PULUMI_SDK_VERSION)] : [])];
  const renderedTo = renderDirectoryOf(config);
  if (config.target === "docker") checks.push(await checkDocker(exec));
  else checks.push(renderedTo !== undefined ? renderingCheck(renderedTo) : await checkKubernetesCluster(exec, config));
  if (options.needsPassphrase) checks.push(checkPassphrase(options.env, options.secretsProvider()));
  const noted = checks.filter((check) => !check.ok);
  if (noted.length > 0) options.print(formatChecks(noted));
  const failed = noted.filter((check) => !check.warning);
  if (failed.length === 0) return;
  throw new PreconditionError(`${failed.length} check${failed.length === 1 ? "" : "s"} failed; nothing was changed. Fix the lines marked FAIL and run again.`);
}
