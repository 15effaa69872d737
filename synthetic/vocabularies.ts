import { catalogMetric, nameOf, type MetricId } from "../metrics/catalog/metrics.ts";
import type { CallProfile } from "./workload.ts";
import { addCounter, addGauge, addObservations, counter, createdFamilies, gauge, histogram, type Family, type Labels } from "./families.ts";

function perInstance(profile: CallProfile, each: (instance: string, share: number) => void): void {
  for (let i = 0; i < profile.instances; i++) each(`pod-${i}`, 1 / profile.instances);
}

/** A family named as the catalog names seed 004's metric: a counter by its name without _total. */
function usageCounter(id: MetricId<"usage">): Family {
  return counter(nameOf("usage", id).replace(/_total$/, ""));
}

/** The response cache's entries a replica holds: its misses so far, each cached, up to this many. */
const CACHE_CAPACITY = 1000;

/**
 * Seed 004's usage metrics after `elapsed` seconds of the workload, every series its prometheus_client
 * emitter (test/support/emitters/python/llm_metrics.py) makes Prometheus store: a completed call is a
 * success in llm_requests_total, a failed one is in llm_errors_total only; latency in prometheus_client's
 * buckets; each counter and histogram child's `_created`; the cache size per tenant. Profiles with a `job`
 * carry it, as a scrape would add it (for backfilling). The replicas started at `startedAt` (Unix seconds).
 */
export function usageFamilies(workload: CallProfile[], elapsed: number, startedAt = 0): Family[] {
  const requests = usageCounter("requests");
  const tokens = usageCounter("tokens");
  const hits = usageCounter("cacheHits");
  const misses = usageCounter("cacheMisses");
  const errors = usageCounter("errors");
  const cost = usageCounter("cost");
  const duration = histogram(nameOf("usage", "duration"));
  const active = gauge(nameOf("usage", "active"));
  const buckets = [...catalogMetric("usage", "duration").buckets!];
  const cacheSize = gauge(nameOf("usage", "cacheSize"));
  const inFlight = new Map<string, number>();
  const cached = new Map<string, number>();
  for (const p of workload) {
    perInstance(p, (instance, share) => {
      const calls = p.requestsPerSecond * elapsed * share;
      const failed = calls * p.errorRatio;
      const target: Labels = p.job === undefined ? { instance } : { job: p.job, instance };
      const base: Labels = { ...target, agent_id: p.agent, model: p.model, provider: p.provider };
      addCounter(requests, { ...base, status: "success" }, calls - failed);
      addCounter(tokens, { ...base, token_type: "prompt" }, calls * p.promptTokens);
      addCounter(tokens, { ...base, token_type: "completion" }, calls * p.completionTokens);
      const cacheKey: Labels = { ...target, agent_id: p.agent, model: p.model };
      addCounter(hits, cacheKey, calls * p.cacheHitRatio);
      addCounter(misses, cacheKey, calls * (1 - p.cacheHitRatio));
      p.errorTypes.forEach((error_type) => addCounter(errors, { ...base, error_type }, failed / p.errorTypes.length));
      addCounter(cost, base, calls * p.costPerRequestUsd);
      addObservations(duration, base, buckets, calls - failed, p.durationSeconds);
      const key = JSON.stringify({ ...target, agent_id: p.agent, provider: p.provider });
      inFlight.set(key, (inFlight.get(key) ?? 0) + p.inFlight * share);
      const replica = JSON.stringify(target);
      cached.set(replica, (cached.get(replica) ?? 0) + calls * (1 - p.cacheHitRatio));
    });
  }
  // The gauge has no model label: an agent's calls to several models of one provider add up.
  for (const [key, value] of inFlight) addGauge(active, JSON.parse(key) as Labels, value);
  for (const [replica, entries] of cached) addGauge(cacheSize, { ...(JSON.parse(replica) as Labels), tenant: "default" }, Math.min(CACHE_CAPACITY, Math.floor(entries)));
  const families = [requests, tokens, hits, misses, errors, cost, duration];
  return [...families, ...createdFamilies(families, startedAt), active, cacheSize];
}
