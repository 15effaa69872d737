import type { ParsedStackConfig } from "./schema.ts";

/**
 * Whether node-exporter runs on the host's network, where its network counters are the host's: as
 * `nodeExporter.hostNetwork` says, else on Kubernetes only (Docker's host network needs a Linux engine).
 */
export function nodeExporterOnHostNetwork(config: Pick<ParsedStackConfig, "nodeExporter" | "target">): boolean {
  return config.nodeExporter.hostNetwork ?? config.target === "kubernetes";
}
