import type * as k8s from "@pulumi/kubernetes";
import type { StackConfig } from "../../config/schema.ts";
import type { ComponentDescription, DataDescription } from "../../components/types.ts";
import { LABELS } from "../../components/kubernetesLabels.ts";
import { stableLabels } from "./podTemplate.ts";
import { storageSize } from "./overrides.ts";

/**
 * What a component's data claim asks for, whether the stack creates it (one instance) or a StatefulSet
 * makes one per replica from it: only labels that never change (the claim is taken over again after
 * `pulumi destroy`), the epoch it belongs to, and the size and class from config.
 */
export function claimContent(
  d: ComponentDescription & { data: DataDescription },
  config: StackConfig,
): { labels: Record<string, string>; spec: k8s.types.input.core.v1.PersistentVolumeClaimSpec } {
  const storageClassName = config.kubernetes.storageClass;
  return {
    labels: { ...stableLabels(d, config.namePrefix), [LABELS.dataEpoch]: String(d.data.epoch) },
    spec: {
      accessModes: ["ReadWriteOnce"],
      resources: { requests: { storage: storageSize(d, config)! } },
      ...(storageClassName ? { storageClassName } : {}),
    },
  };
}
