import type { Dashboard } from "@grafana/grafana-foundation-sdk/dashboard";
import type { StackConfig } from "../config/schema.ts";
import { nodeExporterOnHostNetwork } from "../config/nodeExporterNetwork.ts";
import { rangeQuery } from "./common/queries.ts";
import { labelVariable } from "./common/variables.ts";
import { shareAlertThresholds } from "./common/thresholds.ts";
import { UNITS } from "./common/units.ts";
import { timeSeries } from "./common/panels.ts";
import { buildDashboard } from "./common/dashboard.ts";
import { hostQueries } from "./common/hostQueries.ts";

export const HOST_UID = "llmobs-host";

/** node-exporter metrics, selected by instance only (no job name: the host is whatever exports node_*). */
export function hostDashboard(config: StackConfig): Dashboard {
  const { hostMemoryPercent, hostFilesystemPercent, hostFileDescriptorPercent } = config.thresholds;
  const q = hostQueries(config, { on: (metric, extra = "") => `${metric}{instance=~"$instance"${extra ? `, ${extra}` : ""}}` });

  const panels = [
    timeSeries(
      {
        title: "CPU Usage",
        description: "Share of CPU time not idle, across all cores.",
        unit: UNITS.percent,
        min: 0,
        max: 1,
        width: 12,
        height: 8,
      },
      [rangeQuery("A", q.cpu, "{{instance}}")],
    ),
    timeSeries(
      {
        title: "Memory Usage",
        description: `Share of memory in use (not available to new processes). Dashed: the ${hostMemoryPercent}% alert threshold (HostMemoryHigh).`,
        unit: UNITS.percent,
        min: 0,
        max: 1,
        width: 12,
        height: 8,
        thresholds: shareAlertThresholds(hostMemoryPercent),
      },
      [
        rangeQuery("A", q.memory, "{{instance}}"),
      ],
      { thresholdLines: true },
    ),
    timeSeries(
      {
        title: "Disk I/O",
        description: "Bytes read from and written to disks per second.",
        unit: UNITS.bytesPerSecond,
        width: 12,
        height: 8,
      },
      [
        rangeQuery("A", q.diskRead, "{{instance}} read"),
        rangeQuery("B", q.diskWritten, "{{instance}} written"),
      ],
    ),
    timeSeries(
      {
        title: "Network I/O",
        description: nodeExporterOnHostNetwork(config)
          ? "Bytes received and sent per second by the host's interfaces: not loopback, nor the virtual interfaces of containers, bridges and tunnels, whose traffic a physical interface counts too."
          : "Bytes received and sent per second by node-exporter's own container, not the host: node-exporter is not on the host's network. " +
            "On a Linux Docker engine set llmobs:nodeExporter.hostNetwork to true for the host's traffic.",
        unit: UNITS.bytesPerSecond,
        width: 12,
        height: 8,
      },
      [
        rangeQuery("A", q.networkReceived, "{{instance}} received"),
        rangeQuery("B", q.networkSent, "{{instance}} sent"),
      ],
    ),
    timeSeries(
      {
        title: "Load Average",
        description: "Runnable and waiting processes, averaged over 1, 5 and 15 minutes; compare with the number of cores.",
        unit: UNITS.load,
        min: 0,
        width: 12,
        height: 8,
      },
      [
        rangeQuery("A", q.load1, "{{instance}} 1m"),
        rangeQuery("B", q.load5, "{{instance}} 5m"),
        rangeQuery("C", q.load15, "{{instance}} 15m"),
      ],
    ),
    timeSeries(
      {
        title: "Filesystem Usage",
        description:
          "Share of each real file system in use (the types llmobs:nodeExporter.virtualFsTypes names left out). " +
          `Dashed: the ${hostFilesystemPercent}% alert threshold (HostFilesystemAlmostFull, which leaves read-only file systems out too).`,
        unit: UNITS.percent,
        min: 0,
        max: 1,
        width: 12,
        height: 8,
        thresholds: shareAlertThresholds(hostFilesystemPercent),
      },
      [
        rangeQuery("A", q.filesystem, "{{instance}} {{mountpoint}}"),
      ],
      { thresholdLines: true },
    ),
    timeSeries(
      {
        title: "File Descriptors",
        description: `Allocated file descriptors as a share of the system-wide maximum. Dashed: the ${hostFileDescriptorPercent}% alert threshold (HostFileDescriptorsHigh).`,
        unit: UNITS.percent,
        min: 0,
        width: 12,
        height: 8,
        thresholds: shareAlertThresholds(hostFileDescriptorPercent),
      },
      [rangeQuery("A", q.fileDescriptors, "{{instance}}")],
      { thresholdLines: true },
    ),
    timeSeries(
      {
        title: "Processes",
        description: "Processes running on a CPU or ready to, and processes blocked waiting for I/O (seed 003's process count).",
        unit: UNITS.count,
        min: 0,
        width: 12,
        height: 8,
      },
      [rangeQuery("A", q.processesRunning, "{{instance}} running"), rangeQuery("B", q.processesBlocked, "{{instance}} blocked")],
    ),
  ];

  return buildDashboard({
    uid: HOST_UID,
    title: "Host",
    description: config.nodeExporter.enabled
      ? "CPU, memory, disks, network, load, file systems, file descriptors and processes of the hosts node-exporter runs on."
      : "CPU, memory, disks, network, load, file systems, file descriptors and processes of the hosts, from whatever exports node_* metrics to " +
        "this Prometheus: the stack runs no node-exporter (llmobs:nodeExporter.enabled is false).",
    from: "now-1h",
    variables: [labelVariable("instance", "Instance", "node_uname_info")],
    annotations: [],
    panels,
  });
}
