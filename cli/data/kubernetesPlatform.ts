import { isComponentName, type ComponentName } from "../../config/components.ts";
import type { StackConfig } from "../../config/schema.ts";
import { quantityValue } from "../../config/quantity.ts";
import { LABELS } from "../../components/kubernetesLabels.ts";
import { privilegedNamespace } from "../../config/privilegedNamespace.ts";
import type { Exec } from "../preflight/exec.ts";
import type { ComponentState, DataPlatform, DataVolume } from "./platform.ts";

interface KubeList<T> {
  items: T[];
}

/** The stack's data in its namespace, found by the standard labels the Kubernetes renderer sets. */
export function kubernetesPlatform(exec: Exec, config: StackConfig): DataPlatform {
  const { context, namespace } = config.kubernetes;
  const kubectl = async (args: string[], inNamespace = namespace): Promise<string> => {
    const full = [...(context ? ["--context", context] : []), "--namespace", inNamespace, ...args];
    const result = await exec("kubectl", full, 120_000);
    if (result.missing) throw new Error("kubectl is not installed or not on PATH");
    if (result.exitCode !== 0) throw new Error(`kubectl ${full.join(" ")} failed: ${result.stderr.trim()}`);
    return result.stdout;
  };
  const instance = `${LABELS.instance}=${config.namePrefix}`;
  return {
    where: `Kubernetes namespace ${namespace}`,
    volumeKind: "PersistentVolumeClaim",
    async volumes(component: ComponentName): Promise<DataVolume[]> {
      const claims = JSON.parse(
        await kubectl(["get", "persistentvolumeclaims", "--selector", `${LABELS.name}=${component},${instance}`, "--output", "json"]),
      ) as KubeList<{ metadata: { name: string; labels?: Record<string, string> }; spec: { resources?: { requests?: { storage?: string } } } }>;
      return claims.items.map((claim) => {
        const requested = claim.spec.resources?.requests?.storage;
        return {
          name: claim.metadata.name,
          epoch: Number(claim.metadata.labels?.[LABELS.dataEpoch] ?? 0) || 0,
          ...(requested ? { bytes: quantityValue(requested) } : {}),
        };
      });
    },
    async deleteVolume(volume: DataVolume): Promise<void> {
      await kubectl(["delete", "persistentvolumeclaim", volume.name, "--wait=false"]);
    },
    async status(): Promise<ComponentState[]> {
      // node-exporter runs in a privileged namespace of its own.
      const namespaces = [namespace, ...(config.nodeExporter.enabled ? [privilegedNamespace(config.kubernetes)] : [])];
      const items = [];
      for (const inNamespace of namespaces) {
        const workloads = JSON.parse(await kubectl(["get", "deployments,daemonsets,statefulsets", "--selector", instance, "--output", "json"], inNamespace)) as KubeList<{
          kind: string;
          metadata: { labels?: Record<string, string> };
          spec: { replicas?: number };
          status: { readyReplicas?: number; numberReady?: number; desiredNumberScheduled?: number };
        }>;
        items.push(...workloads.items);
      }
      return items.flatMap((item) => {
        const component = item.metadata.labels?.[LABELS.name] ?? "";
        if (!isComponentName(component)) return [];
        const desired = item.kind === "DaemonSet" ? (item.status.desiredNumberScheduled ?? 0) : (item.spec.replicas ?? 1);
        const ready = item.kind === "DaemonSet" ? (item.status.numberReady ?? 0) : (item.status.readyReplicas ?? 0);
        return [{ component, running: ready > 0, healthy: desired > 0 && ready === desired, detail: `${ready}/${desired} ready` }];
      });
    },
  };
}
