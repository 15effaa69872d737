import type { ComponentName } from "../config/components.ts";

/**
 * The name of a component's data volume on either target (a Docker volume, a PersistentVolumeClaim): the
 * stack's prefix, the component, and the epoch after a reset. Epoch 0 keeps the plain name; each reset
 * moves to a new, empty volume.
 */
export function dataVolumeName(prefix: string, component: ComponentName, epoch: number): string {
  return epoch === 0 ? `${prefix}-${component}-data` : `${prefix}-${component}-data-${epoch}`;
}
