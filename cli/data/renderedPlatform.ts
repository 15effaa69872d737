import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { load } from "js-yaml";
import { isComponentName, type ComponentName } from "../../config/components.ts";
import type { StackConfig } from "../../config/schema.ts";
import { quantityValue } from "../../config/quantity.ts";
import { LABELS } from "../../components/kubernetesLabels.ts";
import type { ComponentState, DataPlatform, DataVolume } from "./platform.ts";

interface Manifest {
  file: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string> };
  spec?: { resources?: { requests?: { storage?: string } } };
}

/** The manifests the Kubernetes provider rendered (`<directory>/1-manifest/*.yaml`, one object each). */
function renderedManifests(directory: string): Manifest[] {
  const manifests = join(directory, "1-manifest");
  if (!existsSync(manifests)) return [];
  return readdirSync(manifests)
    .filter((name) => name.endsWith(".yaml"))
    .sort()
    .map((name) => ({ ...(load(readFileSync(join(manifests, name), "utf8")) as Omit<Manifest, "file">), file: join(manifests, name) }));
}

/**
 * The cluster stack rendered to manifests (kubernetes.render.directory): its data is the claims in the
 * directory, which the GitOps tool applies. `pulumi destroy` and a reset keep a claim's manifest, as they
 * keep a claim in a cluster (retainOnDelete); deleting the data deletes the manifest, and with it the
 * claim wherever the tool prunes what the directory no longer holds.
 */
export function renderedPlatform(directory: string, config: StackConfig): DataPlatform {
  const instance = config.namePrefix;
  const claimsOf = (component: ComponentName) =>
    renderedManifests(directory).filter(
      (m) => m.kind === "PersistentVolumeClaim" && m.metadata?.labels?.[LABELS.name] === component && m.metadata.labels[LABELS.instance] === instance,
    );
  return {
    where: `manifests in ${directory}`,
    volumeKind: "PersistentVolumeClaim manifest",
    async volumes(component: ComponentName): Promise<DataVolume[]> {
      return claimsOf(component).map((claim) => {
        const requested = claim.spec?.resources?.requests?.storage;
        return {
          name: claim.metadata!.name!,
          epoch: Number(claim.metadata?.labels?.[LABELS.dataEpoch] ?? 0) || 0,
          ...(requested ? { bytes: quantityValue(requested) } : {}),
        };
      });
    },
    async deleteVolume(volume: DataVolume): Promise<void> {
      const files = renderedManifests(directory).filter((m) => m.kind === "PersistentVolumeClaim" && m.metadata?.name === volume.name);
      for (const { file } of files) rmSync(file);
    },
    async status(): Promise<ComponentState[]> {
      return renderedManifests(directory).flatMap((m) => {
        const component = m.metadata?.labels?.[LABELS.name] ?? "";
        if (!["Deployment", "DaemonSet", "StatefulSet"].includes(m.kind ?? "") || m.metadata?.labels?.[LABELS.instance] !== instance || !isComponentName(component)) return [];
        return [{ component, running: false, healthy: false, label: "rendered", detail: `${m.kind} manifest, not applied here` }];
      });
    },
  };
}
