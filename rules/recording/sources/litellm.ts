import type { RecordingRule } from "../../model.ts";
import { catalogMetric, nameOf, type MetricId } from "../../../metrics/catalog/metrics.ts";
import { CANONICAL_LABELS } from "../../../metrics/canonical.ts";
import { increments, type IncrementsTiming } from "../increments.ts";
import { copyLabel, joinLabels, labelReplace, setLabel, sumBy } from "../../../metrics/promql.ts";
import { agentGauge, agentIncrease, counterIncrease, durationBuckets, errorsOrZero, histogramRatio, sourceContext, sourceRules, ttftBuckets } from "./source.ts";
import { LATENCY_HISTOGRAMS } from "../../../metrics/catalog/latencyHistograms.ts";

/** The provider name a LiteLLM proxy's calls get: the proxy is what its callers call. */
export const LITELLM_PROVIDER = "litellm";

/**
 * The model: the one the client asked for (requested_model), else the deployment's (model, or
 * litellm_model_name without its provider prefix); the agent: the virtual key as "<team alias>.<key alias>",
 * so the default team pattern reads the team from it; the provider: litellm.
 */
function fromLiteLlmLabels(expr: string): string {
  let mapped = labelReplace(expr, "model", "$1", "litellm_model_name", "(?:[^/]+/)?(.+)");
  mapped = copyLabel(mapped, "model", "requested_model");
  // A series of no key (the in-flight gauge) joins to "." alone: no agent.
  mapped = labelReplace(joinLabels(mapped, "agent_id", ".", "team_alias", "api_key_alias"), "agent_id", "", "agent_id", "\\.");
  return setLabel(mapped, "provider", LITELLM_PROVIDER);
}

/** A LiteLLM proxy's metrics: calls by requested model and virtual key, spend, its cache and its budgets. */
export function liteLlmRules(timing: IncrementsTiming): RecordingRule[] {
  const ctx = sourceContext("litellm", timing, fromLiteLlmLabels);
  const name = (id: MetricId<"litellm">) => nameOf("litellm", id);
  const calls = counterIncrease(ctx, name("requests"));
  const tokens = (id: MetricId<"litellm">, direction: string) => setLabel(fromLiteLlmLabels(increments(name(id), timing)), "direction", direction);
  const budgets = (team: MetricId<"litellm">, key: MetricId<"litellm">) =>
    sumBy(["job", "budget"], `${labelReplace(name(team), "budget", "team $1", "team_alias", "(.*)")} or ${labelReplace(name(key), "budget", "key $1", "api_key_alias", "(.*)")}`);
  return [
    ...sourceRules(ctx, {
      requests: calls,
      errors: errorsOrZero(counterIncrease(ctx, name("failedRequests")), calls),
      tokens: sumBy([...CANONICAL_LABELS, "direction"], `${tokens("inputTokens", "input")} or ${tokens("outputTokens", "output")}`),
      cost: counterIncrease(ctx, name("spend")),
      durationBuckets: durationBuckets(ctx, LATENCY_HISTOGRAMS.duration.litellm.names),
      ttftBuckets: ttftBuckets(ctx, LATENCY_HISTOGRAMS.ttft.litellm.names),
      // The deployment's latency per output token, inverted (it includes the wait for the first token).
      tokenSpeed: histogramRatio(ctx, catalogMetric("litellm", "latencyPerOutputToken").names, "_count", "_sum"),
      cacheHits: agentIncrease(ctx, name("cacheHits")),
      cacheMisses: agentIncrease(ctx, name("cacheMisses")),
      activeRequests: agentGauge(ctx, name("inFlight")),
      budgetRemaining: budgets("teamBudgetRemaining", "keyBudgetRemaining"),
      budget: budgets("teamBudget", "keyBudget"),
    }),
  ];
}
