import type { RecordingRule } from "../../model.ts";
import { catalogMetric, nameOf, type MetricId } from "../../../metrics/catalog/metrics.ts";
import { CANONICAL_LABELS } from "../../../metrics/canonical.ts";
import { increments, type IncrementsTiming } from "../increments.ts";
import { copyLabel, setLabel, sumBy } from "../../../metrics/promql.ts";
import { agentGauge, counterIncrease, durationBuckets, histogramRatio, sourceContext, sourceRules, ttftBuckets } from "./source.ts";
import { LATENCY_HISTOGRAMS } from "../../../metrics/catalog/latencyHistograms.ts";

/** The provider name a vLLM server's calls get: it serves the model itself. */
export const VLLM_PROVIDER = "vllm";

/**
 * A vLLM server's metrics: model_name is the model, vllm the provider; no agent, no cost, no response cache.
 * Finished requests of every reason are the calls, reason "error" the failed ones (vLLM 0.12 on; an older
 * server counts none, so its error panels stay empty rather than show 0).
 */
export function vllmRules(timing: IncrementsTiming): RecordingRule[] {
  const ctx = sourceContext("vllm", timing, (expr) => setLabel(copyLabel(expr, "model", "model_name"), "provider", VLLM_PROVIDER));
  const finished = nameOf("vllm", "requests");
  const tokens = (id: MetricId<"vllm">, direction: string) => setLabel(ctx.toCanonical(increments(nameOf("vllm", id), timing)), "direction", direction);
  const inFlight = `{__name__=~"${nameOf("vllm", "running")}|${nameOf("vllm", "waiting")}"}`;
  return sourceRules(ctx, {
    requests: counterIncrease(ctx, finished),
    errors: counterIncrease(ctx, `${finished}{finished_reason="error"}`),
    tokens: sumBy([...CANONICAL_LABELS, "direction"], `${tokens("promptTokens", "input")} or ${tokens("generationTokens", "output")}`),
    durationBuckets: durationBuckets(ctx, LATENCY_HISTOGRAMS.duration.vllm.names),
    ttftBuckets: ttftBuckets(ctx, LATENCY_HISTOGRAMS.ttft.vllm.names),
    // Time between output tokens, inverted; 0.11 exports it under both names, read once.
    tokenSpeed: histogramRatio(ctx, catalogMetric("vllm", "interTokenLatency").names, "_count", "_sum"),
    // Running and waiting requests are both in flight for the caller.
    activeRequests: agentGauge(ctx, inFlight),
  });
}
