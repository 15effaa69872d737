import type { StackConfig } from "../config/schema.ts";
import type { AlertingRule, RuleGroup } from "./model.ts";
import { runbookUrl } from "./runbook.ts";
import { llmServiceJobs } from "../config/scrapeChecks.ts";
import { oneOf } from "../metrics/promql.ts";
import { jobsWithOwnDownAlert } from "./proxyAlerts.ts";
import { realFilesystems } from "../metrics/host.ts";

/**
 * The stack's own health (seed 003): a scrape target that stays down, and a host running out of memory,
 * disk space or file descriptors. The LLM services' jobs come from config; every other job is the stack's
 * own, so a down LLM service is critical and anything else a warning.
 */
export function stackHealthRules(config: StackConfig): RuleGroup {
  const llmJobs = llmServiceJobs(config);
  // A job with a down alert of its own (seed 003's proxy and context service) is left to it.
  const ownAlert = jobsWithOwnDownAlert(config);
  const watched = llmJobs.filter((job) => !ownAlert.includes(job));
  const { targetDownFor, hostMemoryPercent, hostFilesystemPercent, hostFileDescriptorPercent } = config.thresholds;
  const { hostFilesystemFor, hostFileDescriptorsFor } = config.alerts;
  // Real file systems only, and only writable ones: a read-only mount is as full as it was made.
  const filesystem = (metric: string) => `${metric}{${realFilesystems(config)}}`;
  return {
    name: "llmobs-stack-health",
    rules: ([
      {
        alert: "LLMServiceDown",
        expr: `up{${oneOf("job", watched)}} == 0`,
        for: targetDownFor,
        labels: { severity: "critical" },
        annotations: {
          summary: "The LLM service {{ $labels.instance }} cannot be scraped",
          description:
            "Prometheus has failed to scrape {{ $labels.instance }} (job {{ $labels.job }}) for " +
            `${targetDownFor}; its LLM metrics are missing and the service may be down. up = {{ $value }}.`,
          runbook_url: runbookUrl(config, "LLMServiceDown"),
        },
      },
      {
        alert: "TargetDown",
        expr: `up{${oneOf("job", llmJobs, true)}} == 0`,
        for: targetDownFor,
        labels: { severity: "warning" },
        annotations: {
          summary: "{{ $labels.job }} target {{ $labels.instance }} is down",
          description: `Prometheus has failed to scrape {{ $labels.instance }} (job {{ $labels.job }}) for ${targetDownFor}. up = {{ $value }}.`,
          runbook_url: runbookUrl(config, "TargetDown"),
        },
      },
      {
        alert: "HostMemoryHigh",
        expr: `(1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes) * 100 > ${hostMemoryPercent}`,
        for: config.alerts.hostMemoryFor,
        labels: { severity: "warning" },
        annotations: {
          summary: "Host {{ $labels.instance }} memory use is above " + `${hostMemoryPercent}%`,
          description:
            `{{ $labels.instance }} has used {{ $value | printf "%.1f" }}% of its memory for ${config.alerts.hostMemoryFor} ` +
            `(threshold ${hostMemoryPercent}%).`,
          runbook_url: runbookUrl(config, "HostMemoryHigh"),
        },
      },
      {
        alert: "HostFilesystemAlmostFull",
        expr:
          `(1 - ${filesystem("node_filesystem_avail_bytes")} / ${filesystem("node_filesystem_size_bytes")}) * 100 > ${hostFilesystemPercent} ` +
          `and ${filesystem("node_filesystem_readonly")} == 0`,
        for: hostFilesystemFor,
        labels: { severity: "warning" },
        annotations: {
          summary: `File system {{ $labels.mountpoint }} on {{ $labels.instance }} is more than ${hostFilesystemPercent}% full`,
          description:
            `{{ $labels.mountpoint }} ({{ $labels.device }}, {{ $labels.fstype }}) on {{ $labels.instance }} has used {{ $value | printf "%.1f" }}% ` +
            `of its space for ${hostFilesystemFor} (threshold ${hostFilesystemPercent}%).`,
          runbook_url: runbookUrl(config, "HostFilesystemAlmostFull"),
        },
      },
      {
        alert: "HostFileDescriptorsHigh",
        expr: `node_filefd_allocated / node_filefd_maximum * 100 > ${hostFileDescriptorPercent}`,
        for: hostFileDescriptorsFor,
        labels: { severity: "warning" },
        annotations: {
          summary: `Host {{ $labels.instance }} file descriptor use is above ${hostFileDescriptorPercent}%`,
          description:
            `{{ $labels.instance }} has allocated {{ $value | printf "%.1f" }}% of its maximum file descriptors for ${hostFileDescriptorsFor} ` +
            `(threshold ${hostFileDescriptorPercent}%).`,
          runbook_url: runbookUrl(config, "HostFileDescriptorsHigh"),
        },
      },
    ] satisfies AlertingRule[]).filter((rule) => rule.alert !== "LLMServiceDown" || watched.length > 0),
  };
}
