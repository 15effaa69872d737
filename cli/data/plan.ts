import type { ComponentName } from "../../config/components.ts";
import type { StackConfig } from "../../config/schema.ts";
import { dataVolumeName } from "../../targets/dataVolumeName.ts";
import type { StateResource } from "./stackOps.ts";
import { componentPatterns, urnMatches } from "./urns.ts";
import { formatBytes, type DataPlatform, type DataVolume } from "./platform.ts";

/** Resource types that hold a component's data, and the ones that run it (replaced with it). */
const DATA_TYPES = new Set(["docker:index/volume:Volume", "kubernetes:core/v1:PersistentVolumeClaim"]);
const WORKLOAD_TYPES = new Set([
  "docker:index/container:Container",
  "kubernetes:apps/v1:Deployment",
  "kubernetes:apps/v1:DaemonSet",
  // Replicas: their claims are the StatefulSet's, made from its claim template, which a reset names anew.
  "kubernetes:apps/v1:StatefulSet",
]);

export interface DataPlan {
  verb: "reset" | "clean";
  component: ComponentName;
  /** Pulumi resources replaced (reset) or deleted (clean). */
  resources: StateResource[];
  /** Volumes whose data is deleted for good. */
  volumes: DataVolume[];
  /** reset: the data epoch moves on, which names the new, empty volume. */
  epoch?: { from: number; to: number; newVolume: string };
}

/** A component's resources in the stack's state. */
export function componentResources(state: StateResource[], stackName: string, config: StackConfig, component: ComponentName): StateResource[] {
  const patterns = componentPatterns(stackName, config, component);
  return state.filter((resource) => patterns.some((pattern) => urnMatches(pattern, resource.urn)));
}

/**
 * reset: the component's volume moves to a new epoch (a new, empty volume) and its workload is replaced
 * with it; then every older volume of the component is deleted.
 */
export function planReset(
  component: ComponentName,
  config: StackConfig,
  stackName: string,
  state: StateResource[],
  volumes: DataVolume[],
): DataPlan {
  const from = config.dataEpochs[component];
  const to = from + 1;
  const mine = componentResources(state, stackName, config, component);
  return {
    verb: "reset",
    component,
    resources: mine.filter((r) => DATA_TYPES.has(r.type) || WORKLOAD_TYPES.has(r.type)),
    volumes,
    epoch: { from, to, newVolume: dataVolumeName(config.namePrefix, component, to) },
  };
}

/** clean: every resource of the component is destroyed, and every volume of it deleted. */
export function planClean(component: ComponentName, config: StackConfig, stackName: string, state: StateResource[], volumes: DataVolume[]): DataPlan {
  return { verb: "clean", component, resources: componentResources(state, stackName, config, component), volumes };
}

function resourceName(resource: StateResource): string {
  const pulumiName = resource.urn.slice(resource.urn.lastIndexOf("::") + 2);
  return resource.providerName && resource.providerName !== pulumiName ? `${pulumiName} (${resource.providerName})` : pulumiName;
}

function shortType(type: string): string {
  return type.slice(type.lastIndexOf(":") + 1);
}

/** The plan as a person reviews it before agreeing: every replacement and deletion, with sizes. */
export function formatPlan(plan: DataPlan, platform: DataPlatform, stackName: string): string {
  const lines = [`${plan.verb} ${plan.component} (stack ${stackName}, ${platform.where}):`];
  const action = plan.verb === "reset" ? "replace" : "delete ";
  for (const resource of plan.resources) lines.push(`  ${action}  ${shortType(resource.type).padEnd(22)} ${resourceName(resource)}`);
  if (plan.epoch) {
    lines.push(`  config   llmobs:dataEpochs.${plan.component}: ${plan.epoch.from} -> ${plan.epoch.to} (new, empty ${platform.volumeKind} ${plan.epoch.newVolume})`);
  }
  for (const volume of plan.volumes) lines.push(`  DELETE   ${platform.volumeKind} ${volume.name} with its data (${formatBytes(volume.bytes)})`);
  if (plan.resources.length === 0 && plan.volumes.length === 0) lines.push("  nothing: it is not deployed and keeps no data");
  const total = plan.volumes.reduce((sum, v) => sum + (v.bytes ?? 0), 0);
  if (plan.volumes.length > 0) lines.push(`  ${formatBytes(total)} of data will be deleted; nothing else in the stack changes.`);
  return lines.join("\n");
}
