import type { StackConfig } from "../../../config/schema.ts";
import { catalogMetric } from "../../../metrics/catalog/metrics.ts";
import { runbookUrl } from "../../../rules/runbook.ts";
import type { AlertScenario, ExpectedAlert, RuleFileTests, Series } from "./model.ts";
import { counter, histogram, observed, usageCalls } from "./series.ts";

/**
 * Scenarios for rules/llmAlerts.ts and rules/budget.ts with the default thresholds. Inputs are raw
 * metrics of one vocabulary, so each scenario also proves the recording rules that map it. Expected
 * annotations are written out in full: they check the templates print the right values.
 */
const SERVICE = { job: "api", instance: "api:8000" };
const USAGE = { ...SERVICE, agent_id: "meetmind.coordinator", model: "gpt-4o", provider: "openai" };
const PERFORMANCE = { ...SERVICE, model: "gpt-4o", operation: "chat_completion" };
const DURATION_BUCKETS = catalogMetric("llm_request_duration_seconds", "usage").buckets!;
const SPEED_BUCKETS = catalogMetric("llm_token_generation_rate", "performance").buckets!;

/** Performance-vocabulary token speed: every response generated at `tokensPerSecond`. */
function speed(...segments: [minutes: number, tokensPerSecond: number][]): Series[] {
  return histogram(
    "llm_token_generation_rate",
    PERFORMANCE,
    SPEED_BUCKETS,
    segments.map(([minutes, value]) => ({ minutes, observations: observed(1, value) })),
  );
}

/** Usage-vocabulary latency: every call (2 a second) taking `seconds`. */
function latency(...segments: [minutes: number, seconds: number][]): Series[] {
  return histogram(
    "llm_request_duration_seconds",
    { ...USAGE, status: "success" },
    DURATION_BUCKETS,
    segments.map(([minutes, value]) => ({ minutes, observations: observed(2, value) })),
  );
}

/** Usage-vocabulary calls: 2 a second, `failing` of them failing (rate limited). */
function calls(...segments: [minutes: number, failingPerSecond: number][]): Series[] {
  return usageCalls(USAGE, "rate_limit", segments);
}

function cache(...segments: [minutes: number, hitsPerSecond: number][]): Series[] {
  const key = { ...SERVICE, agent_id: USAGE.agent_id, model: USAGE.model };
  return [
    counter("llm_cache_hits_total", key, segments.map(([minutes, hits]) => ({ minutes, perSecond: hits }))),
    counter("llm_cache_misses_total", key, segments.map(([minutes, hits]) => ({ minutes, perSecond: 1 - hits }))),
  ];
}

function spend(...segments: [minutes: number, usdPerSecond: number][]): Series[] {
  return [counter("llm_cost_total", USAGE, segments.map(([minutes, perSecond]) => ({ minutes, perSecond })))];
}

export function llmAlertTests(config: StackConfig): RuleFileTests {
  const runbook = (alert: string) => runbookUrl(config, alert);
  const slowTokens = (severity: string, value: string): ExpectedAlert => ({
    labels: { severity, job: "api", model: "gpt-4o" },
    annotations: {
      summary: "gpt-4o generates tokens slowly",
      description: `gpt-4o (api) has generated ${value} output tokens per second on average for 10 minutes (slow below 10, critical below 5).`,
      runbook_url: runbook("LLMTokenGenerationSlow"),
    },
  });
  const slowCalls = (severity: string, value: string): ExpectedAlert => ({
    labels: { severity, job: "api", model: "gpt-4o" },
    annotations: {
      summary: "gpt-4o calls are slow",
      description: `95% of gpt-4o calls (api) take up to ${value}s, for 10 minutes (slow above 5s, critical above 10s).`,
      runbook_url: runbook("LLMRequestsSlow"),
    },
  });
  const failing = (severity: string, value: string): ExpectedAlert => ({
    labels: { severity, job: "api", model: "gpt-4o", provider: "openai" },
    annotations: {
      summary: "gpt-4o calls to openai fail",
      description: `${value} of gpt-4o calls to openai (api) have failed for 5 minutes (warning above 1%, critical above 10%).`,
      runbook_url: runbook("LLMErrorRateHigh"),
    },
  });
  const overspend = (severity: string, value: string): ExpectedAlert => ({
    labels: { severity },
    annotations: {
      summary: "LLM spend is approaching or over the daily budget",
      description: `$${value} has been spent on LLM calls in the last 24 hours; the daily budget is $100 (warning from 80%, critical over 100%).`,
      runbook_url: runbook("LLMDailySpendHigh"),
    },
  });

  const scenarios: AlertScenario[] = [
    // Seed 000: token generation below 10 tokens/s (warning) and below 5 (critical).
    { alert: "LLMTokenGenerationSlow", severities: ["warning"], kind: "fires", name: "8 tokens/s for 15 minutes", series: speed([30, 8]), at: "15m", alerts: [slowTokens("warning", "8.0")] },
    { alert: "LLMTokenGenerationSlow", severities: ["warning", "critical"], kind: "silent", name: "10.5 tokens/s, just above the slow line", series: speed([30, 10.5]), at: "15m" },
    { alert: "LLMTokenGenerationSlow", severities: ["warning"], kind: "resolves", name: "back to 20 tokens/s", series: speed([15, 8], [15, 20]), at: "25m" },
    { alert: "LLMTokenGenerationSlow", severities: ["critical"], kind: "fires", name: "4 tokens/s: both twins fire", series: speed([30, 4]), at: "15m", alerts: [slowTokens("warning", "4.0"), slowTokens("critical", "4.0")] },
    { alert: "LLMTokenGenerationSlow", severities: ["critical"], kind: "silent", name: "5.5 tokens/s: slow, not critical", series: speed([30, 5.5]), at: "15m", alerts: [slowTokens("warning", "5.5")] },
    { alert: "LLMTokenGenerationSlow", severities: ["critical"], kind: "resolves", name: "from 4 up to 8 tokens/s: only the warning remains", series: speed([15, 4], [15, 8]), at: "25m", alerts: [slowTokens("warning", "8.0")] },

    // Seed 000: requests slower than 5 s (warning) and 10 s (critical), at the 95th percentile.
    { alert: "LLMRequestsSlow", severities: ["warning"], kind: "fires", name: "every call takes 7 s", series: latency([30, 7]), at: "15m", alerts: [slowCalls("warning", "9.75")] },
    { alert: "LLMRequestsSlow", severities: ["warning", "critical"], kind: "silent", name: "every call takes 4 s (p95 4.875 s)", series: latency([30, 4]), at: "15m" },
    { alert: "LLMRequestsSlow", severities: ["warning"], kind: "resolves", name: "back to 4 s", series: latency([15, 7], [15, 4]), at: "25m" },
    { alert: "LLMRequestsSlow", severities: ["critical"], kind: "fires", name: "every call takes 15 s", series: latency([30, 15]), at: "15m", alerts: [slowCalls("warning", "19.50"), slowCalls("critical", "19.50")] },
    { alert: "LLMRequestsSlow", severities: ["critical"], kind: "silent", name: "p95 9.75 s: slow, not critical", series: latency([30, 7]), at: "15m", alerts: [slowCalls("warning", "9.75")] },
    { alert: "LLMRequestsSlow", severities: ["critical"], kind: "resolves", name: "from 15 s down to 7 s", series: latency([15, 15], [15, 7]), at: "25m", alerts: [slowCalls("warning", "9.75")] },

    // Seed 004: error rate above 1% (warning); seed 000: above 10% (critical).
    { alert: "LLMErrorRateHigh", severities: ["warning"], kind: "fires", name: "5% of calls fail", series: calls([20, 0.1]), at: "10m", alerts: [failing("warning", "5%")] },
    { alert: "LLMErrorRateHigh", severities: ["warning", "critical"], kind: "silent", name: "0.9% of calls fail", series: calls([20, 0.018]), at: "10m" },
    { alert: "LLMErrorRateHigh", severities: ["warning"], kind: "resolves", name: "down to 0.5%", series: calls([10, 0.1], [15, 0.01]), at: "22m" },
    { alert: "LLMErrorRateHigh", severities: ["critical"], kind: "fires", name: "20% of calls fail", series: calls([20, 0.4]), at: "10m", alerts: [failing("warning", "20%"), failing("critical", "20%")] },
    { alert: "LLMErrorRateHigh", severities: ["critical"], kind: "silent", name: "9%: over the warning line only", series: calls([20, 0.18]), at: "10m", alerts: [failing("warning", "9%")] },
    { alert: "LLMErrorRateHigh", severities: ["critical"], kind: "resolves", name: "from 20% down to 5%", series: calls([10, 0.4], [15, 0.1]), at: "22m", alerts: [failing("warning", "5%")] },

    // Seed 004: success rate below 99%.
    {
      alert: "LLMSuccessRateLow",
      severities: ["warning"],
      kind: "fires",
      name: "95% succeed for 20 minutes",
      series: calls([30, 0.1]),
      at: "20m",
      alerts: [
        {
          labels: { severity: "warning", job: "api" },
          annotations: {
            summary: "api: fewer than 99% of LLM calls succeed",
            description: "95% of api's LLM calls have succeeded over 15 minutes (objective 99%).",
            runbook_url: runbook("LLMSuccessRateLow"),
          },
        },
      ],
    },
    { alert: "LLMSuccessRateLow", severities: ["warning"], kind: "silent", name: "99.1% succeed", series: calls([30, 0.018]), at: "20m" },
    { alert: "LLMSuccessRateLow", severities: ["warning"], kind: "resolves", name: "back to 99.5%", series: calls([20, 0.1], [15, 0.01]), at: "30m" },

    // Seed 004: p99 latency above 10 s.
    {
      alert: "LLMLatencyP99High",
      severities: ["warning"],
      kind: "fires",
      name: "every call takes 15 s",
      series: latency([30, 15]),
      at: "15m",
      alerts: [
        {
          labels: { severity: "warning", job: "api", model: "gpt-4o" },
          annotations: {
            summary: "gpt-4o p99 latency is above 10s",
            description: "The slowest 1% of gpt-4o calls (api) take 19.90s or more, for 10 minutes (objective 10s).",
            runbook_url: runbook("LLMLatencyP99High"),
          },
        },
      ],
    },
    { alert: "LLMLatencyP99High", severities: ["warning"], kind: "silent", name: "p99 9.95 s, just under", series: latency([30, 7]), at: "15m" },
    { alert: "LLMLatencyP99High", severities: ["warning"], kind: "resolves", name: "back to 7 s", series: latency([15, 15], [15, 7]), at: "25m" },

    // Seed 004: cache hit rate below 30%.
    {
      alert: "LLMCacheHitRateLow",
      severities: ["info"],
      kind: "fires",
      name: "20% of lookups hit for 35 minutes",
      series: cache([40, 0.2]),
      at: "35m",
      alerts: [
        {
          labels: { severity: "info", job: "api" },
          annotations: {
            summary: "api: the LLM response cache is rarely hit",
            description: "20% of api's cache lookups have hit over 30 minutes (expected above 30%).",
            runbook_url: runbook("LLMCacheHitRateLow"),
          },
        },
      ],
    },
    { alert: "LLMCacheHitRateLow", severities: ["info"], kind: "silent", name: "31% of lookups hit", series: cache([40, 0.31]), at: "35m" },
    { alert: "LLMCacheHitRateLow", severities: ["info"], kind: "resolves", name: "back to 50%", series: cache([35, 0.2], [10, 0.5]), at: "44m" },

    // Seed 004: daily spend above 80% (warning) and 100% (critical) of the $100 budget. Spent at time T
    // after a steady start at r $/s is r * (T - 147 s): the recorded rate ramps up over its first 5 minutes.
    { alert: "LLMDailySpendHigh", severities: ["warning"], kind: "fires", name: "$0.03/s: $90.99 after 53 minutes", series: spend([70, 0.03]), at: "53m", alerts: [overspend("warning", "90.99")] },
    { alert: "LLMDailySpendHigh", severities: ["warning", "critical"], kind: "silent", name: "$78.83 spent, just under 80%", series: spend([70, 0.025]), at: "55m" },
    { alert: "LLMDailySpendHigh", severities: ["critical"], kind: "fires", name: "$0.05/s: $127.65 after 45 minutes", series: spend([60, 0.05]), at: "45m", alerts: [overspend("warning", "127.65"), overspend("critical", "127.65")] },
    { alert: "LLMDailySpendHigh", severities: ["critical"], kind: "silent", name: "$98.19 spent: over 80%, under the budget", series: spend([70, 0.03]), at: "57m", alerts: [overspend("warning", "98.19")] },
    {
      alert: "LLMDailySpendHigh",
      severities: ["warning", "critical"],
      kind: "resolves",
      name: "$126 spent in the first hour, none since: 24 hours later it has left the window",
      series: spend([70, 0.03], [1450, 0]),
      at: "1510m",
    },

    // Seed 004: projected spend for the day above the budget (the last hour's spend times 24).
    {
      alert: "LLMSpendProjectedOverBudget",
      severities: ["warning"],
      kind: "fires",
      name: "$0.002/s projects to $172.80",
      series: spend([80, 0.002]),
      at: "70m",
      alerts: [
        {
          labels: { severity: "warning" },
          annotations: {
            summary: "At the current rate, LLM spend will exceed the daily budget",
            description: "The last hour's LLM spend, over 24 hours, comes to $172.80; the daily budget is $100.",
            runbook_url: runbook("LLMSpendProjectedOverBudget"),
          },
        },
      ],
    },
    { alert: "LLMSpendProjectedOverBudget", severities: ["warning"], kind: "silent", name: "$0.00115/s projects to $99.36", series: spend([80, 0.00115]), at: "70m" },
    { alert: "LLMSpendProjectedOverBudget", severities: ["warning"], kind: "resolves", name: "spending stops", series: spend([60, 0.002], [80, 0]), at: "130m" },
  ];
  return { ruleFile: "llm-alerts.yml", scenarios };
}
