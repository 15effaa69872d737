import type { StackConfig } from "../../config/schema.ts";

/**
 * The labels Prometheus adds to every series it writes to a store and every alert it sends: `cluster`
 * tells this stack's series apart in a store several stacks share (Mimir's HA tracker reads the same
 * label). None without remote write, so a stack that writes nowhere keeps its prometheus.yml.
 */
export function externalLabels(config: StackConfig): Record<string, string> {
  const remoteWrite = config.prometheus.remoteWrite;
  return remoteWrite ? { cluster: remoteWrite.cluster ?? config.namePrefix } : {};
}
