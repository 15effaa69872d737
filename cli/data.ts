/**
 * npm run data -- <start|reset|clean|status> <component|all> [--stack local|cluster] [--yes] [--plan]
 *
 * Starts, resets (wipes and restarts) and cleans (removes) each component's data, on Docker or Kubernetes,
 * through Pulumi's Automation API on the project's own stacks, so Pulumi's state always matches what runs.
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readStackFile, stackFilePath } from "../config/fromStackFile.ts";
import { describeStack } from "../components/stack.ts";
import { endpointUrls, hostForBindAddress } from "../targets/endpoints.ts";
import { kubernetesAccess } from "../targets/kubernetes/access.ts";
import { runCli } from "./commandLine/run.ts";
import { exec } from "./preflight/exec.ts";
import { parseDataArgs, USAGE } from "./data/args.ts";
import { openAutomationStack } from "./data/automationStack.ts";
import { confirmDeletion } from "./data/confirm.ts";
import { dockerPlatform } from "./data/dockerPlatform.ts";
import { kubernetesPlatform } from "./data/kubernetesPlatform.ts";
import { renderedPlatform } from "./data/renderedPlatform.ts";
import { renderDirectoryOf } from "./preflight/rendering.ts";
import { dataPreflight } from "./data/preflight.ts";
import { ProgressView } from "./data/progress.ts";
import { runData } from "./data/run.ts";
import { ensureStateDir, pulumiBackend } from "./pulumi/backend.ts";
import { stackSecretsProvider } from "./pulumi/secretsProvider.ts";
import { checkRunningStack } from "./verify/verifyRunningStack.ts";
import { dataOwners, strayClaims, strayDockerVolumes } from "./preflight/strayData.ts";
import { STACK_FACTS } from "../components/factsForConfig.ts";
const REPO_ROOT = fileURLToPath(new URL("..", import.meta.url));

runCli(USAGE, async (argv) => {
  const request = parseDataArgs(argv);
  const config = readStackFile(request.stack, STACK_FACTS);
  const stack = describeStack(config);
  const print = (line: string) => console.log(line);
  // Rendered manifests: the data is the claims in the directory (relative to the project root, as Pulumi runs here).
  const renderedTo = renderDirectoryOf(config);
  const platform =
    config.target === "docker"
      ? dockerPlatform(exec, config.namePrefix)
      : renderedTo !== undefined
        ? renderedPlatform(resolve(REPO_ROOT, renderedTo), config)
        : kubernetesPlatform(exec, config);
  await runData(request, {
    config,
    stack,
    stackName: request.stack,
    platform,
    urls: config.target === "docker" ? endpointUrls(stack, hostForBindAddress(config.bindAddress)) : kubernetesAccess(stack, config).urls,
    preflight: () =>
      dataPreflight(config, exec, {
        needsPulumi: request.verb !== "status",
        needsPassphrase: request.verb !== "status" && !request.plan,
        secretsProvider: () => stackSecretsProvider(stackFilePath(request.stack), pulumiBackend(process.env, REPO_ROOT)),
        env: process.env,
        print,
      }),
    // Components that have just stopped or started are reported as they are; no waiting for them to settle.
    // Nothing runs here from rendered manifests.
    verify: async (components) => (renderedTo !== undefined ? [] : checkRunningStack(request.stack, config, { waitSeconds: 0, only: components })),
    openStack: () => {
      ensureStateDir(pulumiBackend(process.env, REPO_ROOT));
      return openAutomationStack(request.stack, REPO_ROOT, print);
    },
    confirm: (question) => confirmDeletion(question, { yes: request.yes, interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY) }),
    print,
    progress: () => new ProgressView((text) => process.stdout.write(text), Boolean(process.stdout.isTTY)),
    // A stack moved from Docker to Kubernetes leaves Docker volumes, so the cluster's status looks at both.
    strayData: async () => {
      const owners = dataOwners();
      const volumes = await strayDockerVolumes(exec, config, request.stack, owners);
      if (config.target === "docker" || renderedTo !== undefined) return volumes;
      return [...(await strayClaims(exec, config, request.stack, owners)), ...volumes];
    },
  });
});
