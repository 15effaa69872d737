import type { StackConfig } from "../../../config/schema.ts";
import { catalogMetric, nameOf } from "../../../metrics/catalog/metrics.ts";
import { runbookUrl } from "../../../rules/runbook.ts";
import { VLLM_PROVIDER } from "../../../rules/recording/sources/vllm.ts";
import type { AlertScenario, ExpectedAlert, RuleFileTests, Series } from "./model.ts";
import { counter, histogram, observed, usageCalls } from "./series.ts";

/**
 * Scenarios for rules/llmAlerts.ts with the default thresholds. Inputs are raw
 * metrics of one emitter, named, labelled and bucketed as it exposes them, so each scenario also proves the
 * recording rules that map it. Expected annotations are written out in full: they check the templates
 * print the right values.
 */
const SERVICE = { job: "api", instance: "api:8000" };
const USAGE = { ...SERVICE, agent_id: "meetmind.coordinator", model: "gpt-4o", provider: "openai" };
const PERFORMANCE = { ...SERVICE, model: "gpt-4o", operation: "chat_completion" };
const VLLM = { ...SERVICE, model_name: "gpt-4o", engine: "0" };

/** Nexent's token speed (older exporters' unsuffixed name): every response generated at `tokensPerSecond`. */
function speed(...segments: [minutes: number, tokensPerSecond: number][]): Series[] {
  const rate = catalogMetric("performance", "tokenRate");
  return histogram(
    rate.names[1]!,
    PERFORMANCE,
    rate.buckets!,
    segments.map(([minutes, value]) => ({ minutes, observations: observed(1, value) })),
  );
}

/** vLLM's end-to-end latency (buckets past 10 s): every call (2 a second) taking `seconds`. */
function latency(...segments: [minutes: number, seconds: number][]): Series[] {
  const e2e = catalogMetric("vllm", "e2e");
  return histogram(e2e.names[0]!, VLLM, e2e.buckets!, segments.map(([minutes, value]) => ({ minutes, observations: observed(2, value) })));
}

/** Seed 004's latency in prometheus_client's default buckets, which end at 10 s. */
function usageLatency(...segments: [minutes: number, seconds: number][]): Series[] {
  const duration = catalogMetric("usage", "duration");
  return histogram(duration.names[0]!, USAGE, duration.buckets!, segments.map(([minutes, value]) => ({ minutes, observations: observed(2, value) })));
}

/** Usage-vocabulary calls: 2 a second, `failing` of them failing (rate limited). */
function calls(...segments: [minutes: number, failingPerSecond: number][]): Series[] {
  return usageCalls(USAGE, "rate_limit", segments);
}

function cache(...segments: [minutes: number, hitsPerSecond: number][]): Series[] {
  const key = { ...SERVICE, agent_id: USAGE.agent_id, model: USAGE.model };
  return [
    counter(nameOf("usage", "cacheHits"), key, segments.map(([minutes, hits]) => ({ minutes, perSecond: hits }))),
    counter(nameOf("usage", "cacheMisses"), key, segments.map(([minutes, hits]) => ({ minutes, perSecond: 1 - hits }))),
  ];
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
  // Latency alerts are per model and provider, across the services calling it: no job label.
  const slowCalls = (severity: string, value: string, provider = VLLM_PROVIDER): ExpectedAlert => ({
    labels: { severity, model: "gpt-4o", provider },
    annotations: {
      summary: "gpt-4o calls are slow",
      description: `95% of gpt-4o calls (${provider}, every service) take up to ${value}s, for 10 minutes (slow from 5s, critical from 10s; a histogram whose buckets end there reads its last bound).`,
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
    { alert: "LLMRequestsSlow", severities: ["critical"], kind: "fires", name: "every call takes 12 s", series: latency([30, 12]), at: "15m", alerts: [slowCalls("warning", "14.75"), slowCalls("critical", "14.75")] },
    {
      alert: "LLMRequestsSlow",
      severities: ["critical"],
      kind: "fires",
      name: "every call takes 15 s in seed 004's histogram, whose buckets end at 10 s: p95 reads 10 s, and that is enough",
      series: usageLatency([30, 15]),
      at: "15m",
      alerts: [slowCalls("warning", "10.00", USAGE.provider), slowCalls("critical", "10.00", USAGE.provider)],
    },
    { alert: "LLMRequestsSlow", severities: ["critical"], kind: "silent", name: "p95 9.75 s: slow, not critical", series: latency([30, 7]), at: "15m", alerts: [slowCalls("warning", "9.75")] },
    { alert: "LLMRequestsSlow", severities: ["critical"], kind: "resolves", name: "from 12 s down to 7 s", series: latency([15, 12], [15, 7]), at: "25m", alerts: [slowCalls("warning", "9.75")] },

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
      name: "every call takes 12 s",
      series: latency([30, 12]),
      at: "15m",
      alerts: [
        {
          labels: { severity: "warning", model: "gpt-4o", provider: VLLM_PROVIDER },
          annotations: {
            summary: "gpt-4o p99 latency is at or above 10s",
            description: `The slowest 1% of gpt-4o calls (${VLLM_PROVIDER}, every service) take 14.95s or more, for 10 minutes (objective 10s).`,
            runbook_url: runbook("LLMLatencyP99High"),
          },
        },
      ],
    },
    { alert: "LLMLatencyP99High", severities: ["warning"], kind: "silent", name: "p99 9.95 s, just under", series: latency([30, 7]), at: "15m" },
    { alert: "LLMLatencyP99High", severities: ["warning"], kind: "resolves", name: "back to 7 s", series: latency([15, 12], [15, 7]), at: "25m" },

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
  ];
  return { ruleFile: "llm-alerts.yml", scenarios };
}
