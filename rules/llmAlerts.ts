import type { StackConfig } from "../config/schema.ts";
import type { AlertingRule, RuleGroup } from "./model.ts";
import { RATE_WINDOW, SERIES, SERVICE_SERIES } from "../metrics/canonical.ts";
import { totalOver } from "../metrics/promql.ts";
import { runbookUrl } from "./runbook.ts";
import { twinAlerts } from "./twins.ts";

/** Below one call a minute a single failure is a large share; rate alerts wait for real traffic: 5 calls in the 5-minute window. */
export const MIN_CALLS_PER_WINDOW = 5;

/**
 * Alerts on LLM calls (seeds 000 and 004), all on the canonical series so every vocabulary triggers them,
 * grouped by what a person acts on: the model (speed; latency, across the services calling it), the model
 * and provider (errors), the service (success rate, cache).
 */
export function llmAlertRules(config: StackConfig): RuleGroup {
  const t = config.thresholds;
  const byJobModel = "job, model";
  const byJobModelProvider = "job, model, provider";
  const byModelProvider = "model, provider";
  const speed = `avg by (${byJobModel}) (${SERIES.tokenSpeed})`;
  const within = (series: string) => totalOver(series, RATE_WINDOW);
  // A quantile in a histogram's open top bucket reads as its highest finite bound (prometheus_client's
  // default buckets end at 10 s), so latency thresholds compare with >=: a bound equal to the threshold fires.
  const quantile = (q: number) => `histogram_quantile(${q}, sum by (${byModelProvider}, le) (${within(SERIES.durationBuckets)}))`;
  const p95 = quantile(0.95);
  const p99 = quantile(0.99);
  const calls = `sum by (${byJobModelProvider}) (${within(SERIES.requests)})`;
  // Comparisons bind tighter than `and`: "ratio > x and on (...) traffic >= y" keeps the ratio as the value.
  const errorRatio = (op: string) =>
    `sum by (${byJobModelProvider}) (${within(SERIES.errors)}) / ${calls} ${op} and on (${byJobModelProvider}) ${calls} >= ${MIN_CALLS_PER_WINDOW}`;
  const serviceCalls = `sum by (job) (${within(SERVICE_SERIES.requests)})`;
  const hits = `sum by (job) (${within(SERIES.cacheHits)})`;
  const lookups = `(${hits} + sum by (job) (${within(SERIES.cacheMisses)}))`;

  const rules: AlertingRule[] = [
    ...twinAlerts(
      {
        alert: "LLMTokenGenerationSlow",
        for: "10m",
        annotations: {
          summary: "{{ $labels.model }} generates tokens slowly",
          description:
            "{{ $labels.model }} ({{ $labels.job }}) has generated {{ $value | printf \"%.1f\" }} output tokens per second on average for 10 minutes " +
            `(slow below ${t.slowTokenRate}, critical below ${t.criticalTokenRate}).`,
          runbook_url: runbookUrl(config, "LLMTokenGenerationSlow"),
        },
      },
      `${speed} < ${t.slowTokenRate}`,
      `${speed} < ${t.criticalTokenRate}`,
    ),
    ...twinAlerts(
      {
        alert: "LLMRequestsSlow",
        for: "10m",
        annotations: {
          summary: "{{ $labels.model }} calls are slow",
          description:
            "95% of {{ $labels.model }} calls ({{ $labels.provider }}, every service) take up to {{ $value | printf \"%.2f\" }}s, for 10 minutes " +
            `(slow from ${t.slowRequestSeconds}s, critical from ${t.criticalRequestSeconds}s; a histogram whose buckets end there reads its last bound).`,
          runbook_url: runbookUrl(config, "LLMRequestsSlow"),
        },
      },
      `${p95} >= ${t.slowRequestSeconds}`,
      `${p95} >= ${t.criticalRequestSeconds}`,
    ),
    ...twinAlerts(
      {
        alert: "LLMErrorRateHigh",
        for: "5m",
        annotations: {
          summary: "{{ $labels.model }} calls to {{ $labels.provider }} fail",
          description:
            "{{ $value | humanizePercentage }} of {{ $labels.model }} calls to {{ $labels.provider }} ({{ $labels.job }}) have failed for 5 minutes " +
            `(warning above ${t.errorRatePercent}%, critical above ${t.criticalErrorRatePercent}%).`,
          runbook_url: runbookUrl(config, "LLMErrorRateHigh"),
        },
      },
      errorRatio(`> ${t.errorRatePercent / 100}`),
      errorRatio(`> ${t.criticalErrorRatePercent / 100}`),
    ),
    {
      alert: "LLMSuccessRateLow",
      expr: `(1 - sum by (job) (${within(SERVICE_SERIES.errors)}) / ${serviceCalls}) < ${t.successRatePercent / 100} and on (job) ${serviceCalls} >= ${MIN_CALLS_PER_WINDOW}`,
      for: "15m",
      labels: { severity: "warning" },
      annotations: {
        summary: "{{ $labels.job }}: fewer than " + `${t.successRatePercent}% of LLM calls succeed`,
        description: `{{ $value | humanizePercentage }} of {{ $labels.job }}'s LLM calls have succeeded over 15 minutes (objective ${t.successRatePercent}%).`,
        runbook_url: runbookUrl(config, "LLMSuccessRateLow"),
      },
    },
    {
      alert: "LLMLatencyP99High",
      expr: `${p99} >= ${t.p99LatencySeconds}`,
      for: "10m",
      labels: { severity: "warning" },
      annotations: {
        summary: "{{ $labels.model }} p99 latency is at or above " + `${t.p99LatencySeconds}s`,
        description: `The slowest 1% of {{ $labels.model }} calls ({{ $labels.provider }}, every service) take {{ $value | printf "%.2f" }}s or more, for 10 minutes (objective ${t.p99LatencySeconds}s).`,
        runbook_url: runbookUrl(config, "LLMLatencyP99High"),
      },
    },
    {
      alert: "LLMCacheHitRateLow",
      expr: `${hits} / ${lookups} < ${t.cacheHitRatePercent / 100} and on (job) ${lookups} >= ${MIN_CALLS_PER_WINDOW}`,
      for: "30m",
      labels: { severity: "info" },
      annotations: {
        summary: "{{ $labels.job }}: the LLM response cache is rarely hit",
        description: `{{ $value | humanizePercentage }} of {{ $labels.job }}'s cache lookups have hit over 30 minutes (expected above ${t.cacheHitRatePercent}%).`,
        runbook_url: runbookUrl(config, "LLMCacheHitRateLow"),
      },
    },
  ];
  return { name: "llmobs-llm", rules };
}
