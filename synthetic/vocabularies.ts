import { catalogMetric, nameOf } from "../metrics/catalog/metrics.ts";
import type { CallProfile } from "./workload.ts";
import { addCounter, addGauge, addObservations, counter, gauge, histogram, type Family, type Labels } from "./families.ts";

function perInstance(profile: CallProfile, each: (instance: string, share: number) => void): void {
  for (let i = 0; i < profile.instances; i++) each(`pod-${i}`, 1 / profile.instances);
}

/** A family named as the catalog names seed 004's metric: a counter by its name without _total. */
function usageCounter(id: string): Family {
  return counter(nameOf("usage", id).replace(/_total$/, ""));
}

/**
 * Seed 004's usage metrics after `elapsed` seconds of the workload, labelled as its prometheus_client
 * emitter labels them (test/support/emitters/python/llm_metrics.py): a completed call is a success in
 * llm_requests_total, a failed one is in llm_errors_total only; latency in prometheus_client's buckets.
 */
export function usageFamilies(workload: CallProfile[], elapsed: number): Family[] {
  const requests = usageCounter("requests");
  const tokens = usageCounter("tokens");
  const hits = usageCounter("cacheHits");
  const misses = usageCounter("cacheMisses");
  const errors = usageCounter("errors");
  const cost = usageCounter("cost");
  const duration = histogram(nameOf("usage", "duration"));
  const active = gauge(nameOf("usage", "active"));
  const buckets = [...catalogMetric("usage", "duration").buckets!];
  const inFlight = new Map<string, number>();
  for (const p of workload) {
    perInstance(p, (instance, share) => {
      const calls = p.requestsPerSecond * elapsed * share;
      const failed = calls * p.errorRatio;
      const base: Labels = { instance, agent_id: p.agent, model: p.model, provider: p.provider };
      addCounter(requests, { ...base, status: "success" }, calls - failed);
      addCounter(tokens, { ...base, token_type: "prompt" }, calls * p.promptTokens);
      addCounter(tokens, { ...base, token_type: "completion" }, calls * p.completionTokens);
      const cacheKey: Labels = { instance, agent_id: p.agent, model: p.model };
      addCounter(hits, cacheKey, calls * p.cacheHitRatio);
      addCounter(misses, cacheKey, calls * (1 - p.cacheHitRatio));
      p.errorTypes.forEach((error_type) => addCounter(errors, { ...base, error_type }, failed / p.errorTypes.length));
      addCounter(cost, base, calls * p.costPerRequestUsd);
      addObservations(duration, base, buckets, calls - failed, p.durationSeconds);
      const key = `${instance}|${p.agent}|${p.provider}`;
      inFlight.set(key, (inFlight.get(key) ?? 0) + p.inFlight * share);
    });
  }
  // The gauge has no model label: an agent's calls to several models of one provider add up.
  for (const [key, value] of inFlight) {
    const [instance, agent_id, provider] = key.split("|") as [string, string, string];
    addGauge(active, { instance, agent_id, provider }, value);
  }
  return [requests, tokens, hits, misses, errors, cost, duration, active];
}
