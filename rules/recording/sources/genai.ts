import type { RecordingRule } from "../../model.ts";
import { catalogMetric, nameOf, type MetricId } from "../../../metrics/catalog/metrics.ts";
import { SPAN_METRICS } from "../../../metrics/catalog/spanMetrics.ts";
import { CANONICAL_LABELS } from "../../../metrics/canonical.ts";
import { increments, type IncrementsTiming } from "../increments.ts";
import { copyLabel, preferFirst, sumBy } from "../../../metrics/promql.ts";
import { counterIncrease, durationBuckets, errorsOrZero, histogramRatio, sourceContext, sourceRules, ttftBuckets, type SourceContext } from "./source.ts";
import { LATENCY_HISTOGRAMS } from "../../../metrics/catalog/latencyHistograms.ts";

/**
 * The GenAI labels onto the canonical ones: the model requested, the provider from gen_ai_provider_name
 * (older emitters: gen_ai_system; the newer name wins), the agent from gen_ai_agent_name, and the service
 * from service_name where the emitter puts it on every point (OpenLIT does; over OTLP job is it already).
 */
function fromGenAiLabels(expr: string): string {
  let mapped = copyLabel(expr, "model", "gen_ai_request_model");
  mapped = copyLabel(mapped, "provider", "gen_ai_system");
  mapped = copyLabel(mapped, "provider", "gen_ai_provider_name");
  mapped = copyLabel(mapped, "agent_id", "gen_ai_agent_name");
  return copyLabel(mapped, "job", "service_name");
}

/**
 * Failed calls from the spans Jaeger turned into metrics, for services whose GenAI metrics do not record
 * failures (OpenLIT records nothing for a failed call, so its metrics count only the successful ones): a
 * GenAI client span that ended with status ERROR is a failed call. Only for (service, model, provider)
 * groups that also have GenAI metrics, so a service traced but measured otherwise is not counted twice.
 * Successes come from the metrics, failures from the spans: neither waits for the other (spans are batched
 * and arrive seconds later), so no call is counted by both.
 */
function failedSpans(ctx: SourceContext, metricCalls: string): string {
  const name = nameOf("spans", "calls");
  const client = `span_kind="${SPAN_METRICS.clientKind}", gen_ai_request_model!=""`;
  const measured = `on (job, model, provider) group by (job, model, provider) (${metricCalls})`;
  const failed = counterIncrease(ctx, `${name}{${client}, status_code="${SPAN_METRICS.errorStatus}"}`);
  return `(${errorsOrZero(failed, counterIncrease(ctx, `${name}{${client}}`))}) and ${measured}`;
}

/** The OpenTelemetry GenAI conventions, with and without unit suffixes, and the spans of the same calls. */
export function genAiRules(timing: IncrementsTiming): RecordingRule[] {
  const ctx = sourceContext("genai", timing, fromGenAiLabels);
  const metric = (id: MetricId<"genai">) => catalogMetric("genai", id);
  const metricCalls = preferFirst(metric("duration").names.map((name) => counterIncrease(ctx, `${name}_count`)));
  // Emitters that record failed operations give them error.type.
  const metricErrors = preferFirst(metric("duration").names.map((name) => counterIncrease(ctx, `${name}_count{error_type!=""}`)));
  // Where the metrics record failures (error_type), they are the failures; elsewhere the spans' are.
  const fromSpans = `(${failedSpans(ctx, metricCalls)}) unless on (job, model, provider) (${metricErrors})`;
  const tokens = sumBy(
    [...CANONICAL_LABELS, "direction"],
    copyLabel(fromGenAiLabels(increments(`${nameOf("genai", "tokens")}_sum{gen_ai_token_type=~"input|output"}`, timing)), "direction", "gen_ai_token_type"),
  );
  return sourceRules(ctx, {
    requests: `(${metricCalls}) + (${fromSpans}) or (${metricCalls})`,
    errors: `(${metricErrors}) or ${fromSpans}`,
    tokens,
    // gen_ai.usage.cost is a histogram of each call's price: its sum is the spend.
    cost: preferFirst(metric("cost").names.map((name) => counterIncrease(ctx, `${name}_sum`))),
    durationBuckets: durationBuckets(ctx, LATENCY_HISTOGRAMS.duration.genai.names),
    ttftBuckets: ttftBuckets(ctx, LATENCY_HISTOGRAMS.ttft.genai.names),
    // Seconds per output token, inverted: output tokens per second of decoding.
    tokenSpeed: histogramRatio(ctx, metric("timePerOutputToken").names, "_count", "_sum"),
  });
}
