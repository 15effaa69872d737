import type { ComponentName } from "../../config/components.ts";

/** Docker object names: the stack's prefix, the component, and for data the epoch it belongs to. */
export function containerName(prefix: string, component: ComponentName): string {
  return `${prefix}-${component}`;
}

export function volumeName(prefix: string, component: ComponentName, epoch: number): string {
  // Epoch 0 keeps the plain name; each reset moves to a new, empty volume.
  return epoch === 0 ? `${prefix}-${component}-data` : `${prefix}-${component}-data-${epoch}`;
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
