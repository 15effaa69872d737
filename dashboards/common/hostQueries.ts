import type { StackConfig } from "../../config/schema.ts";
import { realFilesystems } from "../../metrics/host.ts";

/**
 * node-exporter expressions per host (instance), shared by the Host dashboard and the host row of the LLM
 * Proxy dashboard, which links to it: one expression of each, so the two never disagree.
 */
export interface HostSelector {
  /** `metric{instance=~"$instance", extra}` or whatever selection the dashboard makes. */
  on(metric: string, extra?: string): string;
}

export function hostQueries(config: StackConfig, { on }: HostSelector) {
  const filesystems = realFilesystems(config);
  const rate = (metric: string, extra = "") => `rate(${on(metric, extra)}[$__rate_interval])`;
  return {
    cpu: `1 - avg by (instance) (${rate("node_cpu_seconds_total", 'mode="idle"')})`,
    memory: `1 - ${on("node_memory_MemAvailable_bytes")} / ${on("node_memory_MemTotal_bytes")}`,
    diskRead: `sum by (instance) (${rate("node_disk_read_bytes_total")})`,
    diskWritten: `sum by (instance) (${rate("node_disk_written_bytes_total")})`,
    networkReceived: `sum by (instance) (${rate("node_network_receive_bytes_total", 'device!="lo"')})`,
    networkSent: `sum by (instance) (${rate("node_network_transmit_bytes_total", 'device!="lo"')})`,
    load1: on("node_load1"),
    load5: on("node_load5"),
    load15: on("node_load15"),
    filesystem: `1 - ${on("node_filesystem_avail_bytes", filesystems)} / ${on("node_filesystem_size_bytes", filesystems)}`,
    fileDescriptors: `${on("node_filefd_allocated")} / ${on("node_filefd_maximum")}`,
    processesRunning: on("node_procs_running"),
    processesBlocked: on("node_procs_blocked"),
  };
}
