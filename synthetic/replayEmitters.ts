import { catalogMetric, type MetricId } from "../metrics/catalog/metrics.ts";
import type { Vocabulary } from "../metrics/catalog/types.ts";
import { SPAN_METRICS, SPAN_METRICS_PREFIX } from "../metrics/catalog/spanMetrics.ts";
import type { Labels } from "./families.ts";
import type { MinuteEvents, StreamSpec } from "./traffic.ts";

/**
 * What each vocabulary's emitter exposes for a minute of traffic, as additions to its series: the names,
 * labels and buckets the catalog gives for it, the way the emitter counts (which calls each histogram
 * observes, which counter a failure lands in). Series are created when first touched, as client libraries
 * create a labelled child on first use, so a restart (all of a replica's series gone) and a sparse model
 * make series that appear part-way. The histograms the rules read only as sum and count are written so.
 */
export interface SeriesSink {
  counter(family: string, labels: Labels, amount: number): void;
  /** A classic histogram's observations; `buckets` undefined: only _sum and _count. */
  histogram(family: string, labels: Labels, buckets: readonly number[] | undefined, values: readonly number[]): void;
  /** A histogram's _sum and _count from totals (one observation per unit of `count`). */
  histogramTotals(family: string, labels: Labels, sum: number, count: number): void;
  gauge(family: string, labels: Labels, value: number): void;
}

/**
 * The vocabularies the replay emits: the spans come with the GenAI service; seed 003's proxy (merged after
 * the harness was written) is not replayed yet.
 */
export type ReplayVocabulary = Exclude<Vocabulary, "spans" | "proxy">;

/** A vocabulary's emitter: what it adds for one replica's minute of one stream. */
export type ReplayEmitter = (sink: SeriesSink, stream: StreamSpec, events: MinuteEvents) => void;

const metric = <V extends Vocabulary>(vocabulary: V, id: MetricId<V>) => catalogMetric(vocabulary, id);
/** The family name a counter's samples (name_total) belong to. */
const counterFamily = (name: string) => name.replace(/_total$/, "");

function addByType(sink: SeriesSink, family: string, labels: Labels, label: string, byType: Map<string, number>): void {
  for (const [type, count] of byType) sink.counter(family, { ...labels, [label]: type }, count);
}

function usage(sink: SeriesSink, s: StreamSpec, e: MinuteEvents): void {
  const base = { agent_id: s.agent, model: s.model, provider: s.provider };
  const name = (id: MetricId<"usage">) => counterFamily(metric("usage", id).names[0]!);
  // A completed call is a success; a failed one is recorded by record_error only.
  if (e.calls > e.failures) sink.counter(name("requests"), { ...base, status: "success" }, e.calls - e.failures);
  addByType(sink, name("errors"), base, "error_type", e.failuresByType);
  if (e.calls > e.failures) {
    sink.counter(name("tokens"), { ...base, token_type: "prompt" }, e.promptTokens);
    sink.counter(name("tokens"), { ...base, token_type: "completion" }, e.completionTokens);
    sink.counter(name("cost"), base, e.costUsd);
  }
  const cache = { agent_id: s.agent, model: s.model };
  if (e.cacheHits) sink.counter(name("cacheHits"), cache, e.cacheHits);
  if (e.cacheMisses) sink.counter(name("cacheMisses"), cache, e.cacheMisses);
  const duration = metric("usage", "duration");
  if (e.latencies.length) sink.histogram(duration.names[0]!, base, duration.buckets, e.latencies);
}

function performance(sink: SeriesSink, s: StreamSpec, e: MinuteEvents): void {
  const labels = { model: s.model, operation: "chat_completion" };
  const model = { model: s.model };
  const duration = metric("performance", "duration");
  // Nexent records the duration of every call, failed ones too.
  if (e.calls) sink.histogram(duration.names[0]!, labels, duration.buckets, [...e.latencies, ...e.failedLatencies]);
  if (e.failures) sink.counter(counterFamily(metric("performance", "errors").names[0]!), labels, e.failures);
  if (e.speeds.length) sink.histogramTotals(metric("performance", "tokenRate").names[0]!, model, e.speeds.reduce((a, b) => a + b, 0), e.speeds.length);
  const ttft = metric("performance", "ttft");
  if (e.ttfts.length) sink.histogram(ttft.names[0]!, model, ttft.buckets, e.ttfts);
  const tokens = counterFamily(metric("performance", "tokens").names[0]!);
  if (e.speeds.length) {
    sink.counter(tokens, { ...model, type: "input" }, e.promptTokens);
    sink.counter(tokens, { ...model, type: "output" }, e.completionTokens);
  }
}

/** OpenLIT through the OpenTelemetry JS Prometheus exporter: no unit suffixes; nothing for a failed call. */
function genai(sink: SeriesSink, s: StreamSpec, e: MinuteEvents): void {
  const labels = { gen_ai_operation_name: "chat", gen_ai_request_model: s.model, gen_ai_response_model: s.model, gen_ai_system: s.provider, service_name: s.job };
  const unsuffixed = (id: MetricId<"genai">) => metric("genai", id).names.at(-1)!;
  if (!e.latencies.length) return;
  sink.histogram(unsuffixed("duration"), labels, metric("genai", "duration").buckets, e.latencies);
  sink.histogramTotals(metric("genai", "tokens").names[0]!, { ...labels, gen_ai_token_type: "input" }, e.promptTokens, e.latencies.length);
  sink.histogramTotals(metric("genai", "tokens").names[0]!, { ...labels, gen_ai_token_type: "output" }, e.completionTokens, e.latencies.length);
  sink.histogram(unsuffixed("ttft"), labels, metric("genai", "ttft").buckets, e.ttfts);
  sink.histogramTotals(unsuffixed("timePerOutputToken"), labels, e.speeds.reduce((sum, speed) => sum + 1 / speed, 0), e.speeds.length);
  sink.histogramTotals(unsuffixed("cost"), labels, e.costUsd, e.latencies.length);
}

/** The span metrics Jaeger derives from the same calls' client spans (not per replica: Jaeger's own). */
export function genaiSpans(sink: SeriesSink, s: StreamSpec, e: MinuteEvents): void {
  const labels = {
    service_name: s.job,
    span_name: `chat ${s.model}`,
    span_kind: SPAN_METRICS.clientKind,
    gen_ai_request_model: s.model,
    gen_ai_system: s.provider,
    gen_ai_operation_name: "chat",
  };
  const calls = counterFamily(`${SPAN_METRICS_PREFIX}_calls_total`);
  if (e.calls > e.failures) sink.counter(calls, { ...labels, status_code: "STATUS_CODE_UNSET" }, e.calls - e.failures);
  if (e.failures) sink.counter(calls, { ...labels, status_code: SPAN_METRICS.errorStatus, error_type: [...e.failuresByType.keys()][0]! }, e.failures);
}

/** vLLM 0.12: every finished request by reason (error included), tokens, its latency histograms. */
function vllm(sink: SeriesSink, s: StreamSpec, e: MinuteEvents): void {
  const labels = { model_name: s.model, engine: "0" };
  const requests = counterFamily(metric("vllm", "requests").names[0]!);
  const done = e.calls - e.failures;
  if (done) {
    const length = Math.round(done * 0.1);
    if (done - length) sink.counter(requests, { ...labels, finished_reason: "stop" }, done - length);
    if (length) sink.counter(requests, { ...labels, finished_reason: "length" }, length);
    sink.counter(counterFamily(metric("vllm", "promptTokens").names[0]!), labels, e.promptTokens);
    sink.counter(counterFamily(metric("vllm", "generationTokens").names[0]!), labels, e.completionTokens);
    const ttft = metric("vllm", "ttft");
    sink.histogram(ttft.names[0]!, labels, ttft.buckets, e.ttfts);
    // One inter-token latency observation per output token after the first.
    sink.histogramTotals(metric("vllm", "interTokenLatency").names[0]!, labels, e.completionTokens / (e.speeds.reduce((a, b) => a + b, 0) / e.speeds.length), e.completionTokens);
  }
  if (e.failures) sink.counter(requests, { ...labels, finished_reason: "error" }, e.failures);
  const e2e = metric("vllm", "e2e");
  if (e.calls) sink.histogram(e2e.names[0]!, labels, e2e.buckets, [...e.latencies, ...e.failedLatencies]);
}

/** A LiteLLM proxy: calls by requested model and virtual key ("<team alias>.<key alias>" is the agent). */
function litellm(sink: SeriesSink, s: StreamSpec, e: MinuteEvents): void {
  const [team, key] = s.agent.split(".") as [string, string];
  const keyLabels = { hashed_api_key: `sk-${key}`, api_key_alias: key, team: `team-${team}`, team_alias: team };
  const name = (id: MetricId<"litellm">) => counterFamily(metric("litellm", id).names[0]!);
  const route = { requested_model: s.model, route: "/chat/completions" };
  const done = e.calls - e.failures;
  if (done) sink.counter(name("requests"), { ...keyLabels, ...route, status_code: "200" }, done);
  for (const [type, count] of e.failuresByType) {
    const status = type === "rate_limit" ? "429" : "500";
    sink.counter(name("requests"), { ...keyLabels, ...route, status_code: status }, count);
    sink.counter(name("failedRequests"), { ...keyLabels, ...route, exception_status: status, exception_class: type }, count);
  }
  const deployment = { ...keyLabels, model: s.model, requested_model: s.model };
  if (e.cacheHits) sink.counter(name("cacheHits"), { ...keyLabels, model: s.model }, e.cacheHits);
  if (e.cacheMisses) sink.counter(name("cacheMisses"), { ...keyLabels, model: s.model }, e.cacheMisses);
  if (!done) return;
  sink.counter(name("inputTokens"), deployment, e.promptTokens);
  sink.counter(name("outputTokens"), deployment, e.completionTokens);
  sink.counter(name("spend"), { ...keyLabels, model: s.model, api_provider: s.provider }, e.costUsd);
  const latency = metric("litellm", "latency");
  sink.histogram(latency.names[0]!, deployment, latency.buckets, e.latencies);
  sink.histogram(metric("litellm", "ttft").names[0]!, deployment, metric("litellm", "ttft").buckets, e.ttfts);
  // Each call's latency per output token, with the minute's mean output length.
  const meanOutput = Math.max(1, e.completionTokens / e.latencies.length);
  const perToken = e.latencies.reduce((sum, l) => sum + l / meanOutput, 0);
  sink.histogramTotals(
    metric("litellm", "latencyPerOutputToken").names[0]!,
    { ...keyLabels, litellm_model_name: `${s.provider}/${s.model}`, api_provider: s.provider, api_base: "https://api.example", model_id: `${s.model}-1` },
    perToken,
    e.latencies.length,
  );
}

/** Each vocabulary's emitter. */
export const REPLAY_EMITTERS: Record<ReplayVocabulary, ReplayEmitter> = { usage, performance, genai, vllm, litellm };

/** LiteLLM's team and key budgets: gauges each replica exports, the budget less what was spent. */
export function liteLlmBudgets(sink: SeriesSink, agent: string, budgetUsd: number, spentUsd: number): void {
  const [team, key] = agent.split(".") as [string, string];
  const teamLabels = { team: `team-${team}`, team_alias: team };
  const keyLabels = { hashed_api_key: `sk-${key}`, api_key_alias: key };
  const name = (id: MetricId<"litellm">) => metric("litellm", id).names[0]!;
  sink.gauge(name("teamBudget"), teamLabels, budgetUsd);
  sink.gauge(name("teamBudgetRemaining"), teamLabels, budgetUsd - spentUsd);
  sink.gauge(name("keyBudget"), keyLabels, budgetUsd);
  sink.gauge(name("keyBudgetRemaining"), keyLabels, budgetUsd - spentUsd);
}
