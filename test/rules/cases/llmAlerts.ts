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

/**
 * Nexent's token speed (older exporters' unsuffixed name): every response generated at `tokensPerSecond`,
 * `callsPerSecond` calls (its duration histogram, which counts them).
 */
function speed(...segments: [minutes: number, tokensPerSecond: number, callsPerSecond?: number][]): Series[] {
  const rate = catalogMetric("performance", "tokenRate");
  const duration = catalogMetric("performance", "duration");
  return [
    ...histogram(rate.names[1]!, PERFORMANCE, rate.buckets!, segments.map(([minutes, value, calls = 1]) => ({ minutes, observations: observed(calls, value) }))),
    ...histogram(duration.names[0]!, PERFORMANCE, duration.buckets!, segments.map(([minutes, _, calls = 1]) => ({ minutes, observations: observed(calls, 2) }))),
  ];
}

/** vLLM's end-to-end latency (buckets past 10 s): every call (2 a second, unless given) taking `seconds`. */
function latency(...segments: [minutes: number, seconds: number, callsPerSecond?: number][]): Series[] {
  const e2e = catalogMetric("vllm", "e2e");
  return histogram(e2e.names[0]!, VLLM, e2e.buckets!, segments.map(([minutes, value, calls = 2]) => ({ minutes, observations: observed(calls, value) })));
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

/** Usage-vocabulary calls of a sparse model: `perSecond` calls, `failing` of them failing. */
function sparseCalls(minutes: number, perSecond: number, failing: number): Series[] {
  return [
    counter("llm_requests_total", { ...USAGE, status: "success" }, [{ minutes, perSecond: perSecond - failing }]),
    counter("llm_errors_total", { ...USAGE, error_type: "rate_limit" }, [{ minutes, perSecond: failing }]),
  ];
}

/** Cache lookups, `lookups` a second (1 unless given), `hits` of them (a share) hitting. */
function cache(...segments: [minutes: number, hits: number, lookups?: number][]): Series[] {
  const key = { ...SERVICE, agent_id: USAGE.agent_id, model: USAGE.model };
  return [
    counter(nameOf("usage", "cacheHits"), key, segments.map(([minutes, hits, lookups = 1]) => ({ minutes, perSecond: hits * lookups }))),
    counter(nameOf("usage", "cacheMisses"), key, segments.map(([minutes, hits, lookups = 1]) => ({ minutes, perSecond: (1 - hits) * lookups }))),
  ];
}

/** The service's target, up (1) or down (0) each minute. */
function target(...segments: [minutes: number, up: 0 | 1][]): Series {
  return { series: `up{job="${SERVICE.job}",instance="${SERVICE.instance}"}`, values: segments.map(([minutes, up]) => `${up}x${minutes - 1}`).join(" ") };
}

/** Calls for `minutes`, then none: the counters go stale (the series are gone from the scrape). */
function callsThenGone(minutes: number, labels: Record<string, string> = USAGE): Series[] {
  return usageCalls(labels, "rate_limit", [[minutes, 0.02]]).map((s) => ({ ...s, values: `${s.values} stale` }));
}

export function llmAlertTests(config: StackConfig): RuleFileTests {
  const runbook = (alert: string) => runbookUrl(config, alert);
  const slowTokens = (severity: string, value: string): ExpectedAlert => ({
    labels: { severity, job: "api", model: "gpt-4o" },
    annotations: {
      summary: "gpt-4o generates tokens slowly",
      description: `gpt-4o (api) has generated ${value} output tokens per second on average over 5m, for 5m (slow below 10, critical below 5; with at least 20 calls).`,
      runbook_url: runbook("LLMTokenGenerationSlow"),
    },
  });
  // Latency alerts are per model and provider, across the services calling it: no job label.
  const slowCalls = (severity: string, value: string, provider = VLLM_PROVIDER): ExpectedAlert => ({
    labels: { severity, model: "gpt-4o", provider },
    annotations: {
      summary: "gpt-4o calls are slow",
      description: `95% of gpt-4o calls (${provider}, every service) over 5m take up to ${value}s, for 5m (slow from 5s, critical from 10s, with at least 100 calls; a histogram whose buckets end there reads its last bound).`,
      runbook_url: runbook("LLMRequestsSlow"),
    },
  });
  const failing = (severity: "warning" | "critical", value: string): ExpectedAlert => ({
    labels: { severity, job: "api", model: "gpt-4o", provider: "openai" },
    annotations: {
      summary: "gpt-4o calls to openai fail",
      description:
        `${value} of gpt-4o calls to openai (api) failed over ${severity === "warning" ? "30m, for 5m" : "5m, for 2m"} ` +
        "(warning above 1% over 30m and the last 5m, critical above 10% over 5m; with at least 10 failures, and 2 standard errors above the threshold).",
      runbook_url: runbook("LLMErrorRateHigh"),
    },
  });
  const cacheMissed = (value: string): ExpectedAlert => ({
    labels: { severity: "warning", job: "api" },
    annotations: {
      summary: "api: the LLM response cache is rarely hit",
      description: `${value} of api's cache lookups have hit over 10m, for 5m (expected above 30%; with at least 50 lookups).`,
      runbook_url: runbook("LLMCacheHitRateLow"),
    },
  });
  const silentTelemetry: ExpectedAlert = {
    labels: { severity: "warning", job: "api" },
    annotations: {
      summary: "api has stopped sending LLM metrics",
      description:
        "api sent LLM metrics in the 6h before, and none for 5m (for 2m), while its target is not down (value 1): " +
        "its instrumentation, exporter or OTLP push has stopped, or its metrics were renamed.",
      runbook_url: runbook("LLMTelemetryMissing"),
    },
  };

  const scenarios: AlertScenario[] = [
    // Seed 000: token generation below 10 tokens/s (warning) and below 5 (critical), over at least 20 calls.
    { alert: "LLMTokenGenerationSlow", severities: ["warning"], kind: "fires", name: "8 tokens/s for 15 minutes", series: speed([30, 8]), at: "15m", alerts: [slowTokens("warning", "8.0")] },
    { alert: "LLMTokenGenerationSlow", severities: ["warning", "critical"], kind: "silent", name: "10.5 tokens/s, just above the slow line", series: speed([30, 10.5]), at: "15m" },
    {
      alert: "LLMTokenGenerationSlow",
      severities: ["warning", "critical"],
      kind: "silent",
      name: "4 tokens/s over 3 calls a minute: 15 calls in 5 minutes, under the minimum of 20",
      series: speed([30, 4, 0.05]),
      at: "15m",
    },
    { alert: "LLMTokenGenerationSlow", severities: ["warning"], kind: "resolves", name: "back to 20 tokens/s", series: speed([15, 8], [15, 20]), at: "25m" },
    { alert: "LLMTokenGenerationSlow", severities: ["critical"], kind: "fires", name: "4 tokens/s: both twins fire", series: speed([30, 4]), at: "15m", alerts: [slowTokens("warning", "4.0"), slowTokens("critical", "4.0")] },
    { alert: "LLMTokenGenerationSlow", severities: ["critical"], kind: "silent", name: "5.5 tokens/s: slow, not critical", series: speed([30, 5.5]), at: "15m", alerts: [slowTokens("warning", "5.5")] },
    { alert: "LLMTokenGenerationSlow", severities: ["critical"], kind: "resolves", name: "from 4 up to 8 tokens/s: only the warning remains", series: speed([15, 4], [15, 8]), at: "25m", alerts: [slowTokens("warning", "8.0")] },

    // Seed 000: requests slower than 5 s (warning) and 10 s (critical), at the 95th percentile of at least 100 calls.
    { alert: "LLMRequestsSlow", severities: ["warning"], kind: "fires", name: "every call takes 7 s", series: latency([30, 7]), at: "15m", alerts: [slowCalls("warning", "9.75")] },
    { alert: "LLMRequestsSlow", severities: ["warning", "critical"], kind: "silent", name: "every call takes 4 s (p95 4.875 s)", series: latency([30, 4]), at: "15m" },
    {
      alert: "LLMRequestsSlow",
      severities: ["warning", "critical"],
      kind: "silent",
      name: "every call takes 12 s, but 0.3 calls a second: 90 in 5 minutes, under the minimum of 100",
      series: latency([30, 12, 0.3]),
      at: "15m",
    },
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

    // Seed 004: error rate above 1% over 30 minutes (warning); seed 000: above 10% over 5 minutes (critical).
    // Both need 10 failures, and the failures less two standard errors (2 √failures) still over the line.
    { alert: "LLMErrorRateHigh", severities: ["warning"], kind: "fires", name: "5% of calls fail", series: calls([20, 0.1]), at: "10m", alerts: [failing("warning", "5%")] },
    { alert: "LLMErrorRateHigh", severities: ["warning", "critical"], kind: "silent", name: "0.9% of calls fail", series: calls([45, 0.018]), at: "40m" },
    {
      alert: "LLMErrorRateHigh",
      severities: ["warning", "critical"],
      kind: "silent",
      name: "1.2% of 2 calls a second fail: 43 of 3600 in 30 minutes, within two standard errors of 1%",
      series: calls([45, 0.024]),
      at: "40m",
    },
    {
      alert: "LLMErrorRateHigh",
      severities: ["warning", "critical"],
      kind: "silent",
      name: "a sparse model, 10% of 3 calls a minute failing: 9 failures in 30 minutes, under the minimum of 10",
      series: sparseCalls(45, 0.05, 0.005),
      at: "40m",
    },
    {
      alert: "LLMErrorRateHigh",
      severities: ["warning", "critical"],
      kind: "silent",
      name: "5% for 10 minutes, then 0.2% for 15: 1.8% over 30 minutes, but no longer failing over the last 5",
      series: calls([10, 0.1], [15, 0.004]),
      at: "25m",
    },
    { alert: "LLMErrorRateHigh", severities: ["warning"], kind: "resolves", name: "5% for 10 minutes, then 0.5%: resolved once the 30-minute window has let go", series: calls([10, 0.1], [40, 0.01]), at: "45m" },
    { alert: "LLMErrorRateHigh", severities: ["critical"], kind: "fires", name: "20% of calls fail", series: calls([20, 0.4]), at: "10m", alerts: [failing("warning", "20%"), failing("critical", "20%")] },
    { alert: "LLMErrorRateHigh", severities: ["critical"], kind: "silent", name: "9%: over the warning line only", series: calls([20, 0.18]), at: "10m", alerts: [failing("warning", "9%")] },
    { alert: "LLMErrorRateHigh", severities: ["critical"], kind: "resolves", name: "from 20% down to 5%", series: calls([10, 0.4], [40, 0.1]), at: "45m", alerts: [failing("warning", "5%")] },

    // Seed 004: success rate below 99% over 30 minutes, with at least 10 failures.
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
            description: "95% of api's LLM calls have succeeded over 30m, for 10m (objective 99%; with at least 10 failures).",
            runbook_url: runbook("LLMSuccessRateLow"),
          },
        },
      ],
    },
    { alert: "LLMSuccessRateLow", severities: ["warning"], kind: "silent", name: "99.1% succeed", series: calls([30, 0.018]), at: "20m" },
    { alert: "LLMSuccessRateLow", severities: ["warning"], kind: "silent", name: "90% of 3 calls a minute succeed: 9 failures in 30 minutes", series: sparseCalls(45, 0.05, 0.005), at: "40m" },
    { alert: "LLMSuccessRateLow", severities: ["warning"], kind: "resolves", name: "back to 99.5% for the whole window", series: calls([20, 0.1], [40, 0.01]), at: "55m" },

    // Seed 004: p99 latency above 10 s, over at least 500 calls.
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
            description: `The slowest 1% of gpt-4o calls (${VLLM_PROVIDER}, every service) over 5m take 14.95s or more, for 10m (objective 10s; with at least 500 calls).`,
            runbook_url: runbook("LLMLatencyP99High"),
          },
        },
      ],
    },
    { alert: "LLMLatencyP99High", severities: ["warning"], kind: "silent", name: "p99 9.95 s, just under", series: latency([30, 7]), at: "15m" },
    { alert: "LLMLatencyP99High", severities: ["warning"], kind: "silent", name: "every call takes 12 s at 1.5 a second: 450 calls in 5 minutes, under the minimum of 500", series: latency([30, 12, 1.5]), at: "15m" },
    { alert: "LLMLatencyP99High", severities: ["warning"], kind: "resolves", name: "back to 7 s", series: latency([15, 12], [15, 7]), at: "25m" },

    // Seed 004: cache hit rate below 30% over 10 minutes, with at least 50 lookups: a collapse warns within 15 minutes.
    { alert: "LLMCacheHitRateLow", severities: ["warning"], kind: "fires", name: "from 55% of lookups hitting to 5%: a warning 12 minutes on", series: cache([30, 0.55], [20, 0.05]), at: "42m", alerts: [cacheMissed("5%")] },
    { alert: "LLMCacheHitRateLow", severities: ["warning"], kind: "silent", name: "31% of lookups hit", series: cache([40, 0.31]), at: "35m" },
    { alert: "LLMCacheHitRateLow", severities: ["warning"], kind: "silent", name: "20% of 3 lookups a minute hit: 30 in 10 minutes, under the minimum of 50", series: cache([40, 0.2, 0.05]), at: "35m" },
    { alert: "LLMCacheHitRateLow", severities: ["warning"], kind: "resolves", name: "back to 50%", series: cache([20, 0.05], [15, 0.5]), at: "34m" },

    // A service whose LLM series stop while its target is still scraped.
    { alert: "LLMTelemetryMissing", severities: ["warning"], kind: "fires", name: "calls for 30 minutes, then no LLM series while the target is up", series: [...callsThenGone(30), target([60, 1])], at: "40m", alerts: [silentTelemetry] },
    { alert: "LLMTelemetryMissing", severities: ["warning"], kind: "silent", name: "the target is down too: LLMServiceDown's, not this", series: [...callsThenGone(30), target([30, 1], [30, 0])], at: "40m" },
    { alert: "LLMTelemetryMissing", severities: ["warning"], kind: "silent", name: "calls keep flowing", series: [...calls([60, 0.02]), target([60, 1])], at: "40m" },
    {
      alert: "LLMTelemetryMissing",
      severities: ["warning"],
      kind: "resolves",
      name: "gone for 15 minutes, then back (under a new agent)",
      series: [...callsThenGone(30), ...later(45, calls([15, 0.02]).map((s) => ({ ...s, series: s.series.replace(USAGE.agent_id, "meetmind.summarizer") }))), target([60, 1])],
      at: "55m",
    },
  ];
  return { ruleFile: "llm-alerts.yml", scenarios };
}

/** Series that start `minutes` into the scenario: no samples before. */
function later(minutes: number, series: Series[]): Series[] {
  return series.map((s) => ({ ...s, values: `_x${minutes} ${s.values}` }));
}
