import type { StackConfig } from "../config/schema.ts";
import type { RuleGroup } from "./model.ts";
import { runbookUrl } from "./runbook.ts";

/**
 * The stack's own health (seed 003): a scrape target that stays down, and a host running out of memory.
 * The LLM service's job comes from config; every other job is the stack's own, so a down LLM service is
 * critical and anything else a warning.
 */
export function stackHealthRules(config: StackConfig): RuleGroup {
  const llmJob = JSON.stringify(config.llmService.jobName);
  const { targetDownFor, hostMemoryPercent } = config.thresholds;
  return {
    name: "llmobs-stack-health",
    rules: [
      {
        alert: "LLMServiceDown",
        expr: `up{job=${llmJob}} == 0`,
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
        expr: `up{job!=${llmJob}} == 0`,
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
    ],
  };
}
