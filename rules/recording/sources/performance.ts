import type { RecordingRule } from "../../model.ts";
import { catalogMetric, nameOf, type MetricId } from "../../../metrics/catalog/metrics.ts";
import { CANONICAL_LABELS } from "../../../metrics/canonical.ts";
import { increments, type IncrementsTiming } from "../increments.ts";
import { copyLabel, labelReplace, preferFirst, setLabel, sumBy } from "../../../metrics/promql.ts";
import { counterIncrease, durationBuckets, errorsOrZero, histogramRatio, sourceContext, sourceRules, ttftBuckets } from "./source.ts";
import { LATENCY_HISTOGRAMS } from "../../../metrics/catalog/latencyHistograms.ts";

/**
 * Nexent's instruments (seed 000), from the Prometheus exporter (model) or OTLP (llm_model_name). They carry
 * no agent or provider. Calls are counted from the duration histogram, which sees every call, failed ones
 * too; Nexent counts failures, so a model without any has an error count of 0.
 */
export function performanceRules(timing: IncrementsTiming): RecordingRule[] {
  const ctx = sourceContext("performance", timing, (expr) => copyLabel(expr, "model", "llm_model_name"));
  const metric = (id: MetricId<"performance">) => catalogMetric("performance", id);
  const ownDuration = `${nameOf("performance", "duration")}_count{agent_id=""}`;
  const calls = counterIncrease(ctx, ownDuration);
  const byType = labelReplace(ctx.toCanonical(increments(`${nameOf("performance", "tokens")}{type=~"input|output"}`, timing)), "direction", "$1", "type", "(.*)");
  const split = (id: MetricId<"performance">, direction: string) => setLabel(ctx.toCanonical(increments(nameOf("performance", id), timing)), "direction", direction);
  const tokensBy = (expr: string) => sumBy([...CANONICAL_LABELS, "direction"], expr);
  return sourceRules(ctx, {
    requests: calls,
    errors: errorsOrZero(preferFirst(metric("errors").names.map((name) => counterIncrease(ctx, name))), calls),
    tokens: preferFirst([tokensBy(byType), tokensBy(`${split("promptTokens", "input")} or ${split("completionTokens", "output")}`)]),
    durationBuckets: durationBuckets(ctx, LATENCY_HISTOGRAMS.duration.performance.names, '{agent_id=""}'),
    ttftBuckets: ttftBuckets(ctx, LATENCY_HISTOGRAMS.ttft.performance.names),
    // The mean of the per-response speeds the emitter observed.
    tokenSpeed: histogramRatio(ctx, metric("tokenRate").names, "_sum", "_count"),
  });
}
