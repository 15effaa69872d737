import type { ComponentName } from "../config/components.ts";

/** The standard labels (https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/). */
export const LABELS = {
  name: "app.kubernetes.io/name",
  instance: "app.kubernetes.io/instance",
  version: "app.kubernetes.io/version",
  component: "app.kubernetes.io/component",
  partOf: "app.kubernetes.io/part-of",
  managedBy: "app.kubernetes.io/managed-by",
  /** On data volumes: the epoch they belong to, for the data commands. */
  dataEpoch: "llmobs.dev/data-epoch",
} as const;

/** The labels that pick one component's pods: they never change, so a selector stays valid across upgrades. */
export function selectorLabels(namePrefix: string, component: ComponentName): Record<string, string> {
  return { [LABELS.name]: component, [LABELS.instance]: namePrefix };
}

/** A label selector in the `key=value,key=value` form Prometheus' kubernetes_sd and kubectl take. */
export function selectorString(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join(",");
}
