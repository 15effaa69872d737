import type { StackConfig } from "../../../config/schema.ts";
import { catalogMetric } from "../../../metrics/catalog/metrics.ts";
import { runbookUrl } from "../../../rules/runbook.ts";
import type { AlertScenario, ExpectedAlert, RuleFileTests, Series } from "./model.ts";
import { histogram, usageCalls } from "./series.ts";

/**
 * Scenarios for the burn-rate alerts (rules/slo.ts) with the default objectives: 99% of calls succeed,
 * 95% get their first token within 1 s. A ratio of bad events is the same in every window when it is
 * steady, so the values the alerts print are exact.
 */
const SERVICE = { job: "api", instance: "api:8000" };
const USAGE = { ...SERVICE, agent_id: "meetmind.coordinator", model: "gpt-4o", provider: "openai" };
/** 2 calls a second, `failingPerSecond` of them failing (timing out). */
function calls(...segments: [minutes: number, failingPerSecond: number][]): Series[] {
  return usageCalls(USAGE, "timeout", segments);
}

/**
 * 2 first tokens a second in a vLLM server's histogram (a bucket at 1 s), `slowPerSecond` of them after 3 s,
 * the rest after 0.3 s.
 */
function firstTokens(...segments: [minutes: number, slowPerSecond: number][]): Series[] {
  const ttft = catalogMetric("vllm", "ttft");
  return histogram(
    ttft.names[0]!,
    { ...SERVICE, model_name: "gpt-4o", engine: "0" },
    ttft.buckets!,
    segments.map(([minutes, slow]) => ({
      minutes,
      observations: [
        { perSecond: 2 - slow, value: 0.3 },
        { perSecond: slow, value: 3 },
      ],
    })),
  );
}

/** Nexent's first tokens, all after 0.3 s (or `seconds`), in the OpenTelemetry SDK's default buckets: none at 1 s. */
function nexentFirstTokens(minutes: number, then: "stay" | "stop", seconds = 0.3): Series[] {
  const ttft = catalogMetric("performance", "ttft");
  const series = histogram(ttft.names[0]!, { ...SERVICE, model: "gpt-4o" }, ttft.buckets!, [{ minutes, observations: [{ perSecond: 2, value: seconds }] }]);
  return then === "stay" ? series : series.map((s) => ({ ...s, values: `${s.values} stale` }));
}

export function sloAlertTests(config: StackConfig): RuleFileTests {
  const burning = (alert: string, what: string, late: string, allows: string) => (severity: "warning" | "critical", value: string): ExpectedAlert => ({
    labels: { severity, job: "api" },
    annotations: {
      summary: `api is burning its ${what} error budget ${severity === "critical" ? "fast" : "steadily"}`,
      description:
        `${value} of api's LLM calls ${late} over the alert's long window; the objective allows ${allows} ` +
        (severity === "critical" ? "(burn rates 14.4 and 6 over 1h/5m and 6h/30m)." : "(burn rates 3 and 1 over 1d/2h and 3d/6h).") +
        (what === "time-to-first-token"
          ? " First tokens within 1s are counted from each histogram's buckets; a service with a histogram that has no bucket bound there is left out (LLMTimeToFirstTokenObjectiveInterpolated names those)."
          : ""),
      runbook_url: runbookUrl(config, alert),
    },
  });
  const errors = burning("LLMErrorBudgetBurn", "availability", "failed", "1%");
  const late = burning("LLMTimeToFirstTokenBudgetBurn", "time-to-first-token", "got their first token late", "5%");

  const scenarios: AlertScenario[] = [
    // Availability, 1% budget: critical above 14.4x (1h and 5m) or 6x (6h and 30m); warning above 3x (1d and 2h) or 1x (3d and 6h).
    { alert: "LLMErrorBudgetBurn", severities: ["critical"], kind: "fires", name: "20% of calls fail: both twins fire", series: calls([30, 0.4]), at: "20m", alerts: [errors("warning", "20%"), errors("critical", "20%")] },
    { alert: "LLMErrorBudgetBurn", severities: ["critical"], kind: "silent", name: "5.9%, under 6x the budget: a warning only", series: calls([30, 0.118]), at: "20m", alerts: [errors("warning", "5.9%")] },
    { alert: "LLMErrorBudgetBurn", severities: ["warning"], kind: "fires", name: "5% of calls fail", series: calls([30, 0.1]), at: "20m", alerts: [errors("warning", "5%")] },
    { alert: "LLMErrorBudgetBurn", severities: ["warning"], kind: "silent", name: "0.9%, within the budget", series: calls([40, 0.018]), at: "30m" },
    {
      alert: "LLMErrorBudgetBurn",
      severities: ["warning", "critical"],
      kind: "resolves",
      name: "20% for half an hour, then none: resolved once the 6-hour window is clean",
      series: calls([30, 0.4], [390, 0]),
      at: "410m",
    },

    // Time to first token, 5% budget: critical above 72% (1h and 5m) or 30% (6h and 30m); warning above 15% (1d and 2h) or 5% (3d and 6h).
    { alert: "LLMTimeToFirstTokenBudgetBurn", severities: ["critical"], kind: "fires", name: "80% of first tokens late", series: firstTokens([30, 1.6]), at: "20m", alerts: [late("warning", "80%"), late("critical", "80%")] },
    { alert: "LLMTimeToFirstTokenBudgetBurn", severities: ["critical"], kind: "silent", name: "29% late: a warning only", series: firstTokens([30, 0.58]), at: "20m", alerts: [late("warning", "29%")] },
    { alert: "LLMTimeToFirstTokenBudgetBurn", severities: ["warning"], kind: "fires", name: "10% late: the slow burn", series: firstTokens([30, 0.2]), at: "20m", alerts: [late("warning", "10%")] },
    { alert: "LLMTimeToFirstTokenBudgetBurn", severities: ["warning"], kind: "silent", name: "4% late, within the budget", series: firstTokens([40, 0.08]), at: "30m" },
    {
      alert: "LLMTimeToFirstTokenBudgetBurn",
      severities: ["warning", "critical"],
      kind: "resolves",
      name: "80% late for half an hour, then none",
      series: firstTokens([30, 1.6], [390, 0]),
      at: "410m",
    },
    {
      alert: "LLMTimeToFirstTokenBudgetBurn",
      severities: ["warning", "critical"],
      kind: "silent",
      name: "every first token after 3 s, in Nexent's buckets without 1 s: a guess inside the 0-5 s bucket, no page",
      series: nexentFirstTokens(30, "stay", 3),
      at: "20m",
    },

    // A histogram without the objective's bound: its share within 1 s is interpolated, and an info alert says so.
    {
      alert: "LLMTimeToFirstTokenObjectiveInterpolated",
      severities: ["info"],
      kind: "fires",
      name: "Nexent's default buckets (0, 5, 10, ...): none at 1 s",
      series: nexentFirstTokens(20, "stay"),
      at: "15m",
      alerts: [
        {
          labels: { severity: "info", job: "api", model: "gpt-4o" },
          annotations: {
            summary: "api: the gpt-4o time-to-first-token histogram has no bucket at 1s",
            description:
              "None of the 15 bucket bounds of api's time-to-first-token histogram for gpt-4o is 1s, the objective's bound: its share of first tokens " +
              "within the objective is interpolated inside the bucket that holds the bound, so the time-to-first-token burn alerts leave api out. " +
              "Give the histogram a bucket bound at 1s (an explicit bucket boundaries view or advice in the emitter).",
            runbook_url: runbookUrl(config, "LLMTimeToFirstTokenObjectiveInterpolated"),
          },
        },
      ],
    },
    { alert: "LLMTimeToFirstTokenObjectiveInterpolated", severities: ["info"], kind: "silent", name: "vLLM's buckets have 1 s", series: firstTokens([20, 0.2]), at: "15m" },
    {
      alert: "LLMTimeToFirstTokenObjectiveInterpolated",
      severities: ["info"],
      kind: "resolves",
      name: "the histogram is gone (the service now exports one with a bucket at 1 s)",
      series: [...nexentFirstTokens(15, "stop"), ...firstTokens([30, 0.2])],
      at: "25m",
    },
  ];
  return { ruleFile: "llm-slo.yml", scenarios };
}
