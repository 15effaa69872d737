import type { StackConfig } from "../config/schema.ts";
import type { AlertingRule, RecordingRule, RuleGroup } from "./model.ts";
import { SERIES, type Window } from "../metrics/canonical.ts";
import { runbookUrl } from "./runbook.ts";

/**
 * Multi-window, multi-burn-rate alerts (Google SRE workbook, "Alerting on SLOs"): a burn rate of 1 spends
 * the error budget in exactly the SLO period (30 days). Each alert needs a long window (the budget really
 * is burning) and a short one (it still is), so it fires fast and resets fast.
 */
const BURNS = {
  critical: [
    { long: "1h", short: "5m", burn: 14.4 },
    { long: "6h", short: "30m", burn: 6 },
  ],
  warning: [
    { long: "1d", short: "2h", burn: 3 },
    { long: "3d", short: "6h", burn: 1 },
  ],
} as const satisfies Record<string, { long: Window; short: Window; burn: number }[]>;

const SLO_WINDOWS: Window[] = ["5m", "30m", "1h", "2h", "6h", "1d", "3d"];

/** The ratio of bad to all events over a window, per service, from the 5-minute recorded rates. */
function badRatio(bad: string, all: string, window: Window): string {
  if (window === "5m") return `sum by (job) (${bad}) / (sum by (job) (${all}) > 0)`;
  return `sum by (job) (sum_over_time(${bad}[${window}])) / (sum by (job) (sum_over_time(${all}[${window}])) > 0)`;
}

/** A bucket bound as the emitters write it: le="1" or le="1.0". */
function leMatcher(seconds: number): string {
  const text = String(seconds);
  return `le=~"${text.replace(".", "\\\\.")}${Number.isInteger(seconds) ? "(\\\\.0+)?" : "0*"}"`;
}

export const SLO_SERIES = {
  errors: (window: Window) => `job:llm_request_errors:ratio_rate${window}`,
  slowFirstToken: (window: Window) => `job:llm_time_to_first_token_slow:ratio_rate${window}`,
};

function burnAlerts(config: StackConfig, alert: string, series: (w: Window) => string, budget: number, what: string): AlertingRule[] {
  return (["critical", "warning"] as const).map((severity) => ({
    alert,
    expr: BURNS[severity]
      .map(({ long, short, burn }) => `(${series(long)} > ${burn} * ${budget} and ${series(short)} > ${burn} * ${budget})`)
      .join(" or "),
    for: severity === "critical" ? "2m" : "15m",
    labels: { severity },
    annotations: {
      summary: `{{ $labels.job }} is burning its ${what} error budget ${severity === "critical" ? "fast" : "steadily"}`,
      description:
        `{{ $value | humanizePercentage }} of {{ $labels.job }}'s LLM calls ${what === "availability" ? "failed" : "got their first token late"} ` +
        `over the alert's long window; the objective allows ${Number((budget * 100).toFixed(4))}% ` +
        `(burn rates ${BURNS[severity].map((b) => b.burn).join(" and ")} over ${BURNS[severity].map((b) => `${b.long}/${b.short}`).join(" and ")}).`,
      runbook_url: runbookUrl(config, alert),
    },
  }));
}

/** The SLO ratios every window needs, recorded once. */
export function sloRecordingRules(config: StackConfig): RuleGroup {
  const ttft = SERIES.ttftBuckets();
  const slowFirstToken = (window: Window) => {
    const all = `${ttft}{le="+Inf"}`;
    const good = `${ttft}{${leMatcher(config.slo.ttftSeconds)}}`;
    return window === "5m"
      ? `1 - sum by (job) (${good}) / (sum by (job) (${all}) > 0)`
      : `1 - sum by (job) (sum_over_time(${good}[${window}])) / (sum by (job) (sum_over_time(${all}[${window}])) > 0)`;
  };
  const rules: RecordingRule[] = [
    ...SLO_WINDOWS.map((window) => ({ record: SLO_SERIES.errors(window), expr: badRatio(SERIES.errors(), SERIES.requests(), window) })),
    ...SLO_WINDOWS.map((window) => ({ record: SLO_SERIES.slowFirstToken(window), expr: slowFirstToken(window) })),
  ];
  return { name: "llmobs-slo-ratios", interval: config.prometheus.evaluationInterval, rules };
}

export function sloAlertRules(config: StackConfig): RuleGroup {
  const availabilityBudget = Number((1 - config.slo.availabilityPercent / 100).toFixed(6));
  const ttftBudget = Number((1 - config.slo.ttftPercent / 100).toFixed(6));
  return {
    name: "llmobs-slo",
    rules: [
      ...burnAlerts(config, "LLMErrorBudgetBurn", SLO_SERIES.errors, availabilityBudget, "availability"),
      ...burnAlerts(config, "LLMTimeToFirstTokenBudgetBurn", SLO_SERIES.slowFirstToken, ttftBudget, "time-to-first-token"),
    ],
  };
}
