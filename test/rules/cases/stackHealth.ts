import type { StackConfig } from "../../../config/schema.ts";
import { runbookUrl } from "../../../rules/runbook.ts";
import type { RuleFileTests, Series } from "./model.ts";

/** Scenarios for rules/stackHealth.ts, with the thresholds at their defaults (5m down; 90% memory, file system, file descriptors). */
export function stackHealthTests(config: StackConfig): RuleFileTests {
  const job = config.llmService[0]!.jobName;
  const memory = (availablePercent: number) => [
    { series: 'node_memory_MemTotal_bytes{job="node-exporter",instance="host:9100"}', values: "1000x20" },
    { series: 'node_memory_MemAvailable_bytes{job="node-exporter",instance="host:9100"}', values: `${availablePercent * 10}x20` },
  ];
  // A mount of 1000 bytes, with `available` of them free for non-root users over time.
  const mount = (mountpoint: string, device: string, fstype: string, available: string, readonly = 0): Series[] => {
    const labels = `job="node-exporter",instance="host:9100",device="${device}",fstype="${fstype}",mountpoint="${mountpoint}"`;
    return [
      { series: `node_filesystem_size_bytes{${labels}}`, values: "1000x20" },
      { series: `node_filesystem_avail_bytes{${labels}}`, values: available },
      { series: `node_filesystem_readonly{${labels}}`, values: `${readonly}x20` },
    ];
  };
  // The file systems that are no disk, full: the default nodeExporter.virtualFsTypes names both types.
  const fullVirtual = [...mount("/run", "tmpfs", "tmpfs", "0x20"), ...mount("/var/lib/docker/overlay2/abc/merged", "overlay", "overlay", "0x20")];
  // Of a maximum of 1000 file descriptors, `allocated` over time.
  const fileDescriptors = (allocated: string): Series[] => [
    { series: 'node_filefd_maximum{job="node-exporter",instance="host:9100"}', values: "1000x20" },
    { series: 'node_filefd_allocated{job="node-exporter",instance="host:9100"}', values: allocated },
  ];
  return {
    ruleFile: "stack-health.yml",
    scenarios: [
      {
        alert: "LLMServiceDown",
        severities: ["critical"],
        kind: "fires",
        name: "the LLM service cannot be scraped for 5 minutes",
        series: [{ series: `up{job="${job}",instance="api:8000"}`, values: "1 1 0x10" }],
        at: "8m",
        alerts: [
          {
            labels: { severity: "critical", job, instance: "api:8000" },
            annotations: {
              summary: "The LLM service api:8000 cannot be scraped",
              description: `Prometheus has failed to scrape api:8000 (job ${job}) for 5m; its LLM metrics are missing and the service may be down. up = 0.`,
              runbook_url: runbookUrl(config, "LLMServiceDown"),
            },
          },
        ],
      },
      {
        alert: "LLMServiceDown",
        severities: ["critical"],
        kind: "silent",
        name: "down for 4 minutes, less than its for",
        series: [{ series: `up{job="${job}",instance="api:8000"}`, values: "1 1 0 0 0 0 1x10" }],
        at: "6m",
      },
      {
        alert: "LLMServiceDown",
        severities: ["critical"],
        kind: "resolves",
        name: "scraped again after an outage",
        series: [{ series: `up{job="${job}",instance="api:8000"}`, values: "1 1 0x8 1x10" }],
        at: "12m",
      },
      {
        alert: "TargetDown",
        severities: ["warning"],
        kind: "fires",
        name: "Grafana cannot be scraped for 5 minutes; a down LLM service is not this alert",
        series: [
          { series: 'up{job="grafana",instance="grafana:3000"}', values: "0x10" },
          { series: `up{job="${job}",instance="api:8000"}`, values: "0x10" },
        ],
        at: "6m",
        alerts: [
          {
            labels: { severity: "warning", job: "grafana", instance: "grafana:3000" },
            annotations: {
              summary: "grafana target grafana:3000 is down",
              description: "Prometheus has failed to scrape grafana:3000 (job grafana) for 5m. up = 0.",
              runbook_url: runbookUrl(config, "TargetDown"),
            },
          },
        ],
      },
      {
        alert: "TargetDown",
        severities: ["warning"],
        kind: "silent",
        name: "every target up",
        series: [{ series: 'up{job="grafana",instance="grafana:3000"}', values: "1x10" }],
        at: "8m",
      },
      {
        alert: "TargetDown",
        severities: ["warning"],
        kind: "resolves",
        name: "Grafana back after an outage",
        series: [{ series: 'up{job="grafana",instance="grafana:3000"}', values: "0x7 1x10" }],
        at: "10m",
      },
      {
        alert: "HostMemoryHigh",
        severities: ["warning"],
        kind: "fires",
        name: "95% of memory in use for 5 minutes",
        series: memory(5),
        at: "6m",
        alerts: [
          {
            labels: { severity: "warning", job: "node-exporter", instance: "host:9100" },
            annotations: {
              summary: "Host host:9100 memory use is above 90%",
              description: "host:9100 has used 95.0% of its memory for 5m (threshold 90%).",
              runbook_url: runbookUrl(config, "HostMemoryHigh"),
            },
          },
        ],
      },
      {
        alert: "HostMemoryHigh",
        severities: ["warning"],
        kind: "silent",
        name: "89% in use, just under the threshold",
        series: memory(11),
        at: "10m",
      },
      {
        alert: "HostMemoryHigh",
        severities: ["warning"],
        kind: "resolves",
        name: "memory freed after 8 minutes at 95%",
        series: [
          { series: 'node_memory_MemTotal_bytes{job="node-exporter",instance="host:9100"}', values: "1000x20" },
          { series: 'node_memory_MemAvailable_bytes{job="node-exporter",instance="host:9100"}', values: "50x8 500x10" },
        ],
        at: "12m",
      },
      {
        alert: "HostFilesystemAlmostFull",
        severities: ["warning"],
        kind: "fires",
        name: "the root file system 95% full for 5 minutes, beside a full tmpfs and a full overlay",
        series: [...mount("/", "/dev/sda1", "ext4", "50x20"), ...fullVirtual],
        at: "6m",
        alerts: [
          {
            labels: { severity: "warning", job: "node-exporter", instance: "host:9100", device: "/dev/sda1", fstype: "ext4", mountpoint: "/" },
            annotations: {
              summary: "File system / on host:9100 is more than 90% full",
              description: "/ (/dev/sda1, ext4) on host:9100 has used 95.0% of its space for 5m (threshold 90%).",
              runbook_url: runbookUrl(config, "HostFilesystemAlmostFull"),
            },
          },
        ],
      },
      {
        alert: "HostFilesystemAlmostFull",
        severities: ["warning"],
        kind: "silent",
        name: "89% full, just under the threshold",
        series: mount("/", "/dev/sda1", "ext4", "110x20"),
        at: "10m",
      },
      {
        alert: "HostFilesystemAlmostFull",
        severities: ["warning"],
        kind: "silent",
        name: "a full tmpfs and a full overlay: no disks",
        series: fullVirtual,
        at: "10m",
      },
      {
        alert: "HostFilesystemAlmostFull",
        severities: ["warning"],
        kind: "silent",
        name: "a full file system mounted read-only: nothing more can fill it",
        series: mount("/mnt/backup", "/dev/sdb1", "ext4", "0x20", 1),
        at: "10m",
      },
      {
        alert: "HostFilesystemAlmostFull",
        severities: ["warning"],
        kind: "resolves",
        name: "space freed after 8 minutes at 95%",
        series: mount("/", "/dev/sda1", "ext4", "50x8 500x10"),
        at: "12m",
      },
      {
        alert: "HostFileDescriptorsHigh",
        severities: ["warning"],
        kind: "fires",
        name: "95% of the maximum file descriptors allocated for 5 minutes",
        series: fileDescriptors("950x20"),
        at: "6m",
        alerts: [
          {
            labels: { severity: "warning", job: "node-exporter", instance: "host:9100" },
            annotations: {
              summary: "Host host:9100 file descriptor use is above 90%",
              description: "host:9100 has allocated 95.0% of its maximum file descriptors for 5m (threshold 90%).",
              runbook_url: runbookUrl(config, "HostFileDescriptorsHigh"),
            },
          },
        ],
      },
      {
        alert: "HostFileDescriptorsHigh",
        severities: ["warning"],
        kind: "silent",
        name: "89% allocated, just under the threshold",
        series: fileDescriptors("890x20"),
        at: "10m",
      },
      {
        alert: "HostFileDescriptorsHigh",
        severities: ["warning"],
        kind: "resolves",
        name: "descriptors closed after 8 minutes at 95%",
        series: fileDescriptors("950x8 500x10"),
        at: "12m",
      },
    ],
  };
}
