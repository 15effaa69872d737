import { catalogMetric } from "../metrics/catalog/metrics.ts";
import type { Vocabulary } from "../metrics/catalog/types.ts";
import type { CallProfile } from "./workload.ts";
import { addCounter, addGauge, addObservations, counter, gauge, histogram, meanOf, type Family, type Labels } from "./families.ts";

function bucketsOf(name: string, vocabulary: Vocabulary): number[] {
  const buckets = catalogMetric(name, vocabulary).buckets;
  if (!buckets) throw new Error(`${name} has no buckets in the catalog`);
  return buckets;
}

function perInstance(profile: CallProfile, each: (instance: string, share: number) => void): void {
  for (let i = 0; i < profile.instances; i++) each(`pod-${i}`, 1 / profile.instances);
}

/** Seed 004's usage vocabulary after `elapsed` seconds of the workload. */
export function usageFamilies(workload: CallProfile[], elapsed: number): Family[] {
  const requests = counter("llm_requests");
  const tokens = counter("llm_tokens_used");
  const hits = counter("llm_cache_hits");
  const misses = counter("llm_cache_misses");
  const errors = counter("llm_errors");
  const cost = counter("llm_cost");
  const duration = histogram("llm_request_duration_seconds");
  const active = gauge("llm_active_requests");
  const buckets = bucketsOf("llm_request_duration_seconds", "usage");
  const inFlight = new Map<string, number>();
  for (const p of workload) {
    perInstance(p, (instance, share) => {
      const calls = p.requestsPerSecond * elapsed * share;
      const failed = calls * p.errorRatio;
      const base: Labels = { instance, agent_id: p.agent, model: p.model, provider: p.provider };
      addCounter(requests, { ...base, status: "success" }, calls - failed);
      addCounter(requests, { ...base, status: "error" }, failed);
      addCounter(tokens, { ...base, token_type: "prompt" }, calls * p.promptTokens);
      addCounter(tokens, { ...base, token_type: "completion" }, calls * p.completionTokens);
      const cacheKey: Labels = { instance, agent_id: p.agent, model: p.model };
      addCounter(hits, cacheKey, calls * p.cacheHitRatio);
      addCounter(misses, cacheKey, calls * (1 - p.cacheHitRatio));
      p.errorTypes.forEach((error_type) => addCounter(errors, { ...base, error_type }, failed / p.errorTypes.length));
      addCounter(cost, base, calls * p.costPerRequestUsd);
      addObservations(duration, { ...base, status: "success" }, buckets, calls - failed, p.durationSeconds);
      addObservations(duration, { ...base, status: "error" }, buckets, failed, p.durationSeconds);
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

/** Seed 000's performance vocabulary (its OpenTelemetry Prometheus exporter) after `elapsed` seconds. */
export function performanceFamilies(workload: CallProfile[], elapsed: number): Family[] {
  const speed = histogram("llm_token_generation_rate");
  const ttft = histogram("llm_time_to_first_token_seconds");
  const duration = histogram("llm_request_duration_seconds");
  const tokens = counter("llm_total_tokens");
  const errors = counter("llm_error_count");
  for (const p of workload) {
    perInstance(p, (instance, share) => {
      const calls = p.requestsPerSecond * elapsed * share;
      const operation = { instance, model: p.model, operation: "chat_completion" };
      addObservations(speed, operation, bucketsOf("llm_token_generation_rate", "performance"), calls, p.tokensPerSecond);
      addObservations(ttft, { instance, model: p.model }, bucketsOf("llm_time_to_first_token_seconds", "performance"), calls, p.ttftSeconds);
      addObservations(duration, operation, bucketsOf("llm_request_duration_seconds", "performance"), calls, p.durationSeconds);
      addCounter(tokens, { instance, model: p.model, type: "input" }, calls * p.promptTokens);
      addCounter(tokens, { instance, model: p.model, type: "output" }, calls * p.completionTokens);
      addCounter(errors, operation, calls * p.errorRatio);
    });
  }
  return [speed, ttft, duration, tokens, errors];
}

/**
 * The OpenTelemetry GenAI conventions as Prometheus stores them after OTLP translation. `legacySystem`
 * names the provider with the older gen_ai_system label instead of gen_ai_provider_name.
 */
export function genAiFamilies(workload: CallProfile[], elapsed: number, { legacySystem = false } = {}): Family[] {
  const duration = histogram("gen_ai_client_operation_duration_seconds");
  const tokens = histogram("gen_ai_client_token_usage");
  const ttft = histogram("gen_ai_server_time_to_first_token_seconds");
  const tpot = histogram("gen_ai_server_time_per_output_token_seconds");
  for (const p of workload) {
    perInstance(p, (instance, share) => {
      const calls = p.requestsPerSecond * elapsed * share;
      const failed = calls * p.errorRatio;
      const base: Labels = {
        instance,
        gen_ai_operation_name: "chat",
        gen_ai_request_model: p.model,
        [legacySystem ? "gen_ai_system" : "gen_ai_provider_name"]: p.provider,
      };
      const durationBuckets = bucketsOf("gen_ai_client_operation_duration_seconds", "genai");
      addObservations(duration, base, durationBuckets, calls - failed, p.durationSeconds);
      p.errorTypes.forEach((error_type) =>
        addObservations(duration, { ...base, error_type }, durationBuckets, failed / p.errorTypes.length, p.durationSeconds),
      );
      const tokenBuckets = bucketsOf("gen_ai_client_token_usage", "genai");
      // The token histograms' _sum is what counts: typical values scaled so the mean per call is exact.
      addObservations(tokens, { ...base, gen_ai_token_type: "input" }, tokenBuckets, calls, p.promptTokens / meanOf(1));
      addObservations(tokens, { ...base, gen_ai_token_type: "output" }, tokenBuckets, calls, p.completionTokens / meanOf(1));
      addObservations(ttft, base, bucketsOf("gen_ai_server_time_to_first_token_seconds", "genai"), calls - failed, p.ttftSeconds);
      // Every observation is 1/speed seconds per token, so the mean speed is exactly tokensPerSecond.
      addObservationsExact(tpot, base, bucketsOf("gen_ai_server_time_per_output_token_seconds", "genai"), calls - failed, 1 / p.tokensPerSecond);
    });
  }
  return [duration, tokens, ttft, tpot];
}

function addObservationsExact(family: Family, labels: Labels, buckets: number[], count: number, value: number): void {
  for (const le of buckets) family.samples.push({ suffix: "_bucket", labels: { ...labels, le: String(le) }, value: value <= le ? count : 0 });
  family.samples.push({ suffix: "_bucket", labels: { ...labels, le: "+Inf" }, value: count });
  family.samples.push({ suffix: "_sum", labels, value: count * value });
  family.samples.push({ suffix: "_count", labels, value: count });
}
