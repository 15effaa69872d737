import type { StackConfig } from "../../config/schema.ts";
import { describeStack } from "../../components/stack.ts";
import { PreconditionError } from "../commandLine/run.ts";
import { checkDocker, checkHostPorts, checkPulumiCli, formatChecks, portsHeldByStack, type Check } from "./checks.ts";
import type { Exec } from "./exec.ts";
import { PULUMI_SDK_VERSION } from "../pulumi/sdkVersion.ts";
import { checkKubernetesCluster, checkStorageClass } from "./clusterChecks.ts";
import { configWarningChecks } from "./configWarnings.ts";
import { dataOwners, strayClaims, strayDockerVolumes, type DataOwners } from "./strayData.ts";
import { checkDockerHostNetwork, checkDockerNodeExporterPort } from "./dockerHostNetwork.ts";
import { renderDirectoryOf, renderingCheck } from "./rendering.ts";
import { checkIngressClass, checkLoadBalancer, checkNodeExporterAdmission, checkNodeExporterPort, checkNodeSystems, listNodes } from "./clusterTraps.ts";

export interface PreflightOptions {
  /** The stack's name, for the commands the checks suggest; with it, data left under another name is looked for. */
  stackName?: string;
  /** Where the project's stack files keep their data (default: read from stacks/). */
  owners?: () => DataOwners;
}

/**
 * Everything `up` needs, checked before anything changes: the Pulumi CLI, the target's engine, and
 * (on Docker) every host port, (on Kubernetes) that the data volumes can bind and the cluster's traps
 * (admission policies, Ingress and LoadBalancer, Windows nodes, node-exporter's port); and, as warnings,
 * the config's surprising values and data the project left under another name prefix or namespace, which
 * the next `up` would not use. A cluster stack rendered to manifests contacts no cluster, so none is checked. Prints one line per check; throws when any check fails.
 */
export async function preflight(config: StackConfig, exec: Exec, print = console.log, options: PreflightOptions = {}): Promise<Check[]> {
  const { stackName } = options;
  const owners = options.owners ?? (() => dataOwners());
  const checks: Check[] = [...configWarningChecks(config), await checkPulumiCli(exec, PULUMI_SDK_VERSION)];
  if (config.target === "docker") {
    const docker = await checkDocker(exec);
    checks.push(docker);
    const held = docker.ok ? await portsHeldByStack(exec, config.namePrefix) : new Map<number, string>();
    checks.push(...(await checkHostPorts(describeStack(config), config, held)));
    if (docker.ok) {
      const hostNetwork = [await checkDockerHostNetwork(exec, config), await checkDockerNodeExporterPort(exec, config)];
      checks.push(...hostNetwork.filter((check) => check !== undefined));
      if (stackName) checks.push(...(await strayDockerVolumes(exec, config, stackName, owners())));
    }
  } else if (renderDirectoryOf(config) !== undefined) {
    checks.push(renderingCheck(renderDirectoryOf(config)!));
  } else {
    const cluster = await checkKubernetesCluster(exec, config);
    checks.push(cluster);
    if (cluster.ok) {
      checks.push(await checkStorageClass(exec, config));
      const nodes = await listNodes(exec, config);
      const traps = [
        checkNodeSystems(nodes.value, nodes.error),
        await checkNodeExporterAdmission(exec, config, describeStack(config)),
        await checkNodeExporterPort(exec, config),
        await checkLoadBalancer(exec, config, nodes.value),
        await checkIngressClass(exec, config),
      ];
      checks.push(...traps.filter((check) => check !== undefined));
      if (stackName) checks.push(...(await strayClaims(exec, config, stackName, owners())));
    }
  }
  print(formatChecks(checks));
  const failed = checks.filter((check) => !check.ok && !check.warning);
  if (failed.length > 0) {
    throw new PreconditionError(
      `Preflight: ${failed.length} check${failed.length === 1 ? "" : "s"} failed; nothing was changed. Fix the lines marked FAIL and run again.`,
    );
  }
  return checks;
}
