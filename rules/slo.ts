import type { StackConfig } from "../config/schema.ts";
import type { AlertingRule, RecordingRule, RuleGroup } from "./model.ts";
import { SERIES, SERVICE_SERIES } from "../metrics/canonical.ts";
import { leOf } from "./recording/rollups.ts";
import { totalOver } from "../metrics/promql.ts";
import { runbookUrl } from "./runbook.ts";

import { durationSeconds } from "../config/durations.ts";
import type { BurnRate } from "../config/burnRates.ts";

/**
 * Multi-window, multi-burn-rate alerts (Google SRE workbook, "Alerting on SLOs"): a burn rate of 1 spends
 * the error budget in exactly the SLO period (30 days). Each alert needs a long window (the budget really
 * is burning) and a short one (it still is), so it fires fast and resets fast. The burns are config
 * (`alerts.burnCritical`, `alerts.burnWarning`).
 */
function burnsOf(config: StackConfig): Record<"critical" | "warning", BurnRate[]> {
  return { critical: config.alerts.burnCritical, warning: config.alerts.burnWarning };
}

/** Every window the burn-rate alerts compare, shortest first: each is recorded per service. */
export function sloWindows(config: StackConfig): string[] {
  const windows = new Set([...config.alerts.burnCritical, ...config.alerts.burnWarning].flatMap((b) => [b.long, b.short]));
  return [...windows].sort((x, y) => durationSeconds(x) - durationSeconds(y));
}

/** The share of bad events over a window, per service, from the per-service increases. */
function badShare(bad: string, all: string, window: string): string {
  return `${totalOver(bad, window)} / (${totalOver(all, window)} > 0)`;
}

export const SLO_SERIES = {
  errors: (window: string) => `job:llm_request_errors:ratio_rate${window}`,
  slowFirstToken: (window: string) => `job:llm_time_to_first_token_slow:ratio_rate${window}`,
};

function burnAlerts(config: StackConfig, alert: string, series: (w: string) => string, budget: number, what: string, note = "", unless = ""): AlertingRule[] {
  const burns = burnsOf(config);
  return (["critical", "warning"] as const).map((severity) => ({
    alert,
    expr: ((burns: string) => (unless ? `(${burns}) unless on (job) ${unless}` : burns))(
      burns[severity].map(({ long, short, burn }) => `(${series(long)} > ${burn} * ${budget} and ${series(short)} > ${burn} * ${budget})`).join(" or "),
    ),
    for: severity === "critical" ? config.alerts.burnCriticalFor : config.alerts.burnWarningFor,
    labels: { severity },
    annotations: {
      summary: `{{ $labels.job }} is burning its ${what} error budget ${severity === "critical" ? "fast" : "steadily"}`,
      description:
        `{{ $value | humanizePercentage }} of {{ $labels.job }}'s LLM calls ${what === "availability" ? "failed" : "got their first token late"} ` +
        `over the alert's long window; the objective allows ${Number((budget * 100).toFixed(4))}% ` +
        `(burn rates ${burns[severity].map((b) => b.burn).join(" and ")} over ${burns[severity].map((b) => `${b.long}/${b.short}`).join(" and ")}).${note}`,
      runbook_url: runbookUrl(config, alert),
    },
  }));
}

/**
 * The SLO ratios every window needs, recorded once. First tokens within the objective are counted per
 * histogram and interpolated inside a bucket where the objective is no bucket bound (rollups.ts).
 */
export function sloRecordingRules(config: StackConfig): RuleGroup {
  const rules: RecordingRule[] = [
    ...sloWindows(config).map((window) => ({ record: SLO_SERIES.errors(window), expr: badShare(SERVICE_SERIES.errors, SERVICE_SERIES.requests, window) })),
    ...sloWindows(config).map((window) => ({
      record: SLO_SERIES.slowFirstToken(window),
      expr: `1 - ${badShare(SERVICE_SERIES.firstTokensWithinObjective, SERVICE_SERIES.firstTokens, window)}`,
    })),
  ];
  return { name: "llmobs-slo-ratios", interval: config.prometheus.evaluationInterval, rules };
}

/**
 * The histograms whose buckets cannot count the time-to-first-token objective exactly: the bound is none of
 * their bucket bounds, so their share is interpolated inside a bucket (coarse ones, such as the OpenTelemetry
 * SDKs' default 0-5 s, make that a rough guess). An info alert names each, with its bucket count.
 */
/** The time-to-first-token histograms without a bucket bound at the objective, with their bucket count. */
function withoutObjectiveBound(config: StackConfig): string {
  const ttft = SERIES.ttftBuckets;
  const labels = "job, model, provider";
  return `count by (${labels}) (${ttft}{le!="+Inf"}) unless on (${labels}) ${ttft}{le="${leOf(config.slo.ttftSeconds)}"}`;
}

function interpolatedObjectiveAlert(config: StackConfig): AlertingRule {
  const bound = config.slo.ttftSeconds;
  return {
    alert: "LLMTimeToFirstTokenObjectiveInterpolated",
    expr: withoutObjectiveBound(config),
    for: config.alerts.ttftInterpolatedFor,
    labels: { severity: "info" },
    annotations: {
      summary: `{{ $labels.job }}: the {{ $labels.model }} time-to-first-token histogram has no bucket at ${bound}s`,
      description:
        `None of the {{ $value }} bucket bounds of {{ $labels.job }}'s time-to-first-token histogram for {{ $labels.model }} is ${bound}s, ` +
        "the objective's bound: its share of first tokens within the objective is interpolated inside the bucket that holds the bound, " +
        `so the time-to-first-token burn alerts leave {{ $labels.job }} out. Give the histogram a bucket bound at ${bound}s (an explicit bucket boundaries view or advice in the emitter).`,
      runbook_url: runbookUrl(config, "LLMTimeToFirstTokenObjectiveInterpolated"),
    },
  };
}

export function sloAlertRules(config: StackConfig): RuleGroup {
  const availabilityBudget = Number((1 - config.slo.availabilityPercent / 100).toFixed(6));
  const ttftBudget = Number((1 - config.slo.ttftPercent / 100).toFixed(6));
  return {
    name: "llmobs-slo",
    rules: [
      ...burnAlerts(config, "LLMErrorBudgetBurn", SLO_SERIES.errors, availabilityBudget, "availability"),
      ...burnAlerts(
        config,
        "LLMTimeToFirstTokenBudgetBurn",
        SLO_SERIES.slowFirstToken,
        ttftBudget,
        "time-to-first-token",
        ` First tokens within ${config.slo.ttftSeconds}s are counted from each histogram's buckets; a service with a histogram that has no bucket bound there is left out (LLMTimeToFirstTokenObjectiveInterpolated names those).`,
        // Interpolated inside a coarse bucket (the OpenTelemetry SDKs' default 0-5 s), the share is a guess
        // that can call every first token late: no page on a guess.
        `group by (job) (${withoutObjectiveBound(config)})`,
      ),
      interpolatedObjectiveAlert(config),
    ],
  };
}
