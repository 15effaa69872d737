import type { ComponentName } from "../../config/components.ts";

/** Docker object names: the stack's prefix and the component (data volumes: ../dataVolumeName.ts). */
export function containerName(prefix: string, component: ComponentName): string {
  return `${prefix}-${component}`;
}

export function networkName(prefix: string): string {
  return `${prefix}-net`;
}

/** Labels on every Docker object the stack owns, so the data command can find them. */
export const LABELS = {
  stack: "dev.llmobs.stack",
  component: "dev.llmobs.component",
  epoch: "dev.llmobs.data-epoch",
} as const;
