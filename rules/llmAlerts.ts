import type { StackConfig } from "../config/schema.ts";
import type { AlertingRule, RuleGroup } from "./model.ts";
import { RATE_WINDOW, SERIES, SERVICE_SERIES } from "../metrics/canonical.ts";
import { totalOver } from "../metrics/promql.ts";
import { runbookUrl } from "./runbook.ts";
import { twinAlerts } from "./twins.ts";

/**
 * Alerts on LLM calls (seeds 000 and 004), all on the canonical series so every vocabulary triggers them,
 * grouped by what a person acts on: the model (speed; latency, across the services calling it), the model
 * and provider (errors), the service (success rate, cache). A rate alone is no evidence: two failures of a
 * few dozen calls pass 1%. Each rate alert needs a minimum of events in its window (config `alerts.*`), and
 * the error-rate warning reads a longer window than its critical twin.
 */
export function llmAlertRules(config: StackConfig): RuleGroup {
  const t = config.thresholds;
  const a = config.alerts;
  const byJobModel = "job, model";
  const byJobModelProvider = "job, model, provider";
  const byModelProvider = "model, provider";
  const speed = `avg by (${byJobModel}) (${SERIES.tokenSpeed})`;
  const over = (series: string, window: string) => totalOver(series, window);
  // A quantile in a histogram's open top bucket reads as its highest finite bound (prometheus_client's
  // default buckets end at 10 s), so latency thresholds compare with >=: a bound equal to the threshold fires.
  const quantile = (q: number) => `histogram_quantile(${q}, sum by (${byModelProvider}, le) (${over(SERIES.durationBuckets, a.latencyWindow)}))`;
  // A quantile is evidence once `minTailCalls` calls lie above it: p95 of 100 calls, p99 of 500 by default.
  const enoughCalls = (q: number) =>
    `on (${byModelProvider}) sum by (${byModelProvider}) (${over(`${SERIES.durationBuckets}{le="+Inf"}`, a.latencyWindow)}) >= ${Math.round(a.minTailCalls / (1 - q))}`;
  const p95 = quantile(0.95);
  const p99 = quantile(0.99);
  // Comparisons bind tighter than `and`: "ratio > x and on (...) failures >= y" keeps the ratio as the value.
  const errorRatio = (window: string, op: string) => {
    const failures = `sum by (${byJobModelProvider}) (${over(SERIES.errors, window)})`;
    const calls = `sum by (${byJobModelProvider}) (${over(SERIES.requests, window)})`;
    return `${failures} / ${calls} ${op} and on (${byJobModelProvider}) ${evidence(failures, calls, op)}`;
  };
  const plainRatio = (window: string) =>
    `sum by (${byJobModelProvider}) (${over(SERIES.errors, window)}) / sum by (${byJobModelProvider}) (${over(SERIES.requests, window)})`;
  // Enough failures, and so many that even their count less `standardErrors` standard errors passes the threshold.
  const evidence = (failures: string, calls: string, op: string) =>
    `(${failures} >= ${a.minFailures}) and (${failures} - ${a.standardErrors} * sqrt(${failures})) / ${calls} ${op}`;
  const serviceFailures = `sum by (job) (${over(SERVICE_SERIES.errors, a.successRateWindow)})`;
  const serviceCalls = `sum by (job) (${over(SERVICE_SERIES.requests, a.successRateWindow)})`;
  const hits = `sum by (job) (${over(SERIES.cacheHits, a.cacheWindow)})`;
  const lookups = `(${hits} + sum by (job) (${over(SERIES.cacheMisses, a.cacheWindow)}))`;
  const speedCalls = `on (${byJobModel}) sum by (${byJobModel}) (${over(SERIES.requests, RATE_WINDOW)}) >= ${a.minCalls}`;

  // Both LLMErrorRateHigh severities state the whole policy, so either page explains the other.
  const errorRatePolicy =
    `(warning above ${t.errorRatePercent}% over ${a.errorRateWindow} and the last ${a.errorRateShortWindow}, critical above ${t.criticalErrorRatePercent}% over ${a.criticalErrorRateWindow}; with at least ${a.minFailures} failures, and ${a.standardErrors} standard errors above the threshold).`;
  const errorRateAlert = (severity: "warning" | "critical", expr: string, window: string, forDuration: string): AlertingRule => ({
    alert: "LLMErrorRateHigh",
    expr,
    for: forDuration,
    labels: { severity },
    annotations: {
      summary: "{{ $labels.model }} calls to {{ $labels.provider }} fail",
      description:
        `{{ $value | humanizePercentage }} of {{ $labels.model }} calls to {{ $labels.provider }} ({{ $labels.job }}) failed over ${window}, for ${forDuration} ` +
        errorRatePolicy,
      runbook_url: runbookUrl(config, "LLMErrorRateHigh"),
    },
  });
  const rules: AlertingRule[] = [
    ...twinAlerts(
      {
        alert: "LLMTokenGenerationSlow",
        for: a.tokenSpeedFor,
        annotations: {
          summary: "{{ $labels.model }} generates tokens slowly",
          description:
            `{{ $labels.model }} ({{ $labels.job }}) has generated {{ $value | printf "%.1f" }} output tokens per second on average over ${RATE_WINDOW}, for ${a.tokenSpeedFor} ` +
            `(slow below ${t.slowTokenRate}, critical below ${t.criticalTokenRate}; with at least ${a.minCalls} calls).`,
          runbook_url: runbookUrl(config, "LLMTokenGenerationSlow"),
        },
      },
      `${speed} < ${t.slowTokenRate} and ${speedCalls}`,
      `${speed} < ${t.criticalTokenRate} and ${speedCalls}`,
    ),
    ...twinAlerts(
      {
        alert: "LLMRequestsSlow",
        for: a.latencyFor,
        annotations: {
          summary: "{{ $labels.model }} calls are slow",
          description:
            `95% of {{ $labels.model }} calls ({{ $labels.provider }}, every service) over ${a.latencyWindow} take up to {{ $value | printf "%.2f" }}s, for ${a.latencyFor} ` +
            `(slow from ${t.slowRequestSeconds}s, critical from ${t.criticalRequestSeconds}s, with at least ${Math.round(a.minTailCalls / 0.05)} calls; a histogram whose buckets end there reads its last bound).`,
          runbook_url: runbookUrl(config, "LLMRequestsSlow"),
        },
      },
      `${p95} >= ${t.slowRequestSeconds} and ${enoughCalls(0.95)}`,
      `${p95} >= ${t.criticalRequestSeconds} and ${enoughCalls(0.95)}`,
    ),
    // Failing still: errors cluster (a few minutes of a few percent), so the 30 minutes after a cluster hold
    // more failures than independent calls would. A cluster that has ended is no page.
    errorRateAlert(
      "warning",
      `(${errorRatio(a.errorRateWindow, `> ${t.errorRatePercent / 100}`)}) and on (${byJobModelProvider}) ${plainRatio(a.errorRateShortWindow)} > ${t.errorRatePercent / 100}`,
      a.errorRateWindow,
      a.errorRateFor,
    ),
    errorRateAlert("critical", errorRatio(a.criticalErrorRateWindow, `> ${t.criticalErrorRatePercent / 100}`), a.criticalErrorRateWindow, a.criticalErrorRateFor),
    {
      alert: "LLMSuccessRateLow",
      expr: `(1 - ${serviceFailures} / ${serviceCalls}) < ${t.successRatePercent / 100} and on (job) ${evidence(serviceFailures, serviceCalls, `> ${Number((1 - t.successRatePercent / 100).toFixed(6))}`)}`,
      for: a.successRateFor,
      labels: { severity: "warning" },
      annotations: {
        summary: "{{ $labels.job }}: fewer than " + `${t.successRatePercent}% of LLM calls succeed`,
        description: `{{ $value | humanizePercentage }} of {{ $labels.job }}'s LLM calls have succeeded over ${a.successRateWindow}, for ${a.successRateFor} (objective ${t.successRatePercent}%; with at least ${a.minFailures} failures).`,
        runbook_url: runbookUrl(config, "LLMSuccessRateLow"),
      },
    },
    {
      alert: "LLMLatencyP99High",
      expr: `${p99} >= ${t.p99LatencySeconds} and ${enoughCalls(0.99)}`,
      for: a.p99LatencyFor,
      labels: { severity: "warning" },
      annotations: {
        summary: "{{ $labels.model }} p99 latency is at or above " + `${t.p99LatencySeconds}s`,
        description: `The slowest 1% of {{ $labels.model }} calls ({{ $labels.provider }}, every service) over ${a.latencyWindow} take {{ $value | printf "%.2f" }}s or more, for ${a.p99LatencyFor} (objective ${t.p99LatencySeconds}s; with at least ${Math.round(a.minTailCalls / 0.01)} calls).`,
        runbook_url: runbookUrl(config, "LLMLatencyP99High"),
      },
    },
    {
      alert: "LLMCacheHitRateLow",
      expr: `${hits} / ${lookups} < ${t.cacheHitRatePercent / 100} and on (job) ${lookups} >= ${a.minCacheLookups}`,
      for: a.cacheFor,
      labels: { severity: "warning" },
      annotations: {
        summary: "{{ $labels.job }}: the LLM response cache is rarely hit",
        description: `{{ $value | humanizePercentage }} of {{ $labels.job }}'s cache lookups have hit over ${a.cacheWindow}, for ${a.cacheFor} (expected above ${t.cacheHitRatePercent}%; with at least ${a.minCacheLookups} lookups).`,
        runbook_url: runbookUrl(config, "LLMCacheHitRateLow"),
      },
    },
    telemetryMissing(config),
  ];
  return { name: "llmobs-llm", rules };
}

/**
 * A service whose LLM series were flowing and stopped, while its target (if scraped) is still up: a
 * deploy that lost the instrumentation, an OTLP push that stopped, a renamed metric. A target that is
 * down is LLMServiceDown's or TargetDown's. A service taken away for good resolves once
 * `alerts.telemetryLookback` has passed.
 */
function telemetryMissing(config: StackConfig): AlertingRule {
  const a = config.alerts;
  const calls = SERVICE_SERIES.requests;
  return {
    alert: "LLMTelemetryMissing",
    expr:
      `group by (job) (last_over_time(${calls}[${a.telemetryLookback}] offset ${a.telemetryMissingAfter})) ` +
      `unless on (job) group by (job) (last_over_time(${calls}[${a.telemetryMissingAfter}])) ` +
      "unless on (job) max by (job) (up) == 0",
    for: a.telemetryMissingFor,
    labels: { severity: "warning" },
    annotations: {
      summary: "{{ $labels.job }} has stopped sending LLM metrics",
      description:
        `{{ $labels.job }} sent LLM metrics in the ${a.telemetryLookback} before, and none for ${a.telemetryMissingAfter} (for ${a.telemetryMissingFor}), while its target is not down ` +
        "(value {{ $value }}): its instrumentation, exporter or OTLP push has stopped, or its metrics were renamed.",
      runbook_url: runbookUrl(config, "LLMTelemetryMissing"),
    },
  };
}
