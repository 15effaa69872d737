import type { RecordingRule } from "../../model.ts";
import { nameOf, type MetricId } from "../../../metrics/catalog/metrics.ts";
import { CANONICAL_LABELS } from "../../../metrics/canonical.ts";
import { increments, type IncrementsTiming } from "../increments.ts";
import { setLabel, sumBy } from "../../../metrics/promql.ts";
import { agentGauge, agentIncrease, counterIncrease, durationBuckets, errorsOrZero, sourceContext, sourceRules } from "./source.ts";
import { LATENCY_HISTOGRAMS } from "../../../metrics/catalog/latencyHistograms.ts";

const name = (id: MetricId<"usage">) => nameOf("usage", id);

/**
 * Seed 004's usage metrics. Its labels are already the canonical ones. A completed call is recorded by
 * record_request (status success), a failed one by record_error only, so calls are the two added up.
 */
export function usageRules(timing: IncrementsTiming): RecordingRule[] {
  const ctx = sourceContext("usage", timing, (expr) => expr);
  // Seed 003's proxy counts its calls in a metric of the same name, without agent_id (sources/proxy.ts).
  const calls = sumBy(CANONICAL_LABELS, `${increments(`${name("requests")}{status="success", agent_id!=""}`, timing)} or ${increments(name("errors"), timing)}`);
  const tokens = (type: string, direction: string) => setLabel(increments(`${name("tokens")}{token_type="${type}"}`, timing), "direction", direction);
  return sourceRules(ctx, {
    requests: calls,
    errors: errorsOrZero(counterIncrease(ctx, name("errors")), calls),
    tokens: sumBy([...CANONICAL_LABELS, "direction"], `${tokens("prompt", "input")} or ${tokens("completion", "output")}`),
    cost: counterIncrease(ctx, name("cost")),
    // Nexent's histogram of the same name has no agent_id.
    durationBuckets: durationBuckets(ctx, LATENCY_HISTOGRAMS.duration.usage.names, '{agent_id!=""}'),
    cacheHits: agentIncrease(ctx, name("cacheHits")),
    cacheMisses: agentIncrease(ctx, name("cacheMisses")),
    activeRequests: agentGauge(ctx, name("active")),
  });
}
