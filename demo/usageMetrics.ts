import { Counter, Gauge, Histogram, Registry, type OpenMetricsContentType } from "prom-client";
import { catalogMetric } from "../metrics/catalog/metrics.ts";
import type { DemoCall } from "../synthetic/demoWorkload.ts";

/** The labels seed 004's metrics carry, as its catalog entry lists them. */
function labelsOf(name: string): string[] {
  return catalogMetric(name, "usage").labels;
}

function helpOf(name: string): string {
  return catalogMetric(name, "usage").help;
}

function openMetricsRegistry(): Registry<OpenMetricsContentType> {
  const registry = new Registry<OpenMetricsContentType>();
  registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
  return registry;
}

/**
 * Seed 004's usage metrics, recorded with prom-client as an instrumented Node service records them, and
 * served in OpenMetrics so the latency histogram's exemplars (trace_id) reach Prometheus.
 */
export class UsageMetrics {
  readonly registry = openMetricsRegistry();
  // prom-client takes a counter's name with its _total, as the exposition shows it.
  private readonly requests = this.counter("llm_requests_total");
  private readonly tokens = this.counter("llm_tokens_used_total");
  private readonly cacheHits = this.counter("llm_cache_hits_total");
  private readonly cacheMisses = this.counter("llm_cache_misses_total");
  private readonly errors = this.counter("llm_errors_total");
  private readonly cost = this.counter("llm_cost_total");
  private readonly duration = new Histogram({
    name: "llm_request_duration_seconds",
    help: helpOf("llm_request_duration_seconds"),
    labelNames: labelsOf("llm_request_duration_seconds"),
    buckets: catalogMetric("llm_request_duration_seconds", "usage").buckets!,
    enableExemplars: true,
    registers: [this.registry],
  });
  private readonly active = new Gauge({ name: "llm_active_requests", help: helpOf("llm_active_requests"), labelNames: labelsOf("llm_active_requests"), registers: [this.registry] });
  private readonly cacheSize = new Gauge({ name: "llm_cache_size", help: helpOf("llm_cache_size"), labelNames: labelsOf("llm_cache_size"), registers: [this.registry] });

  private counter(name: string): Counter {
    return new Counter({ name, help: helpOf(name), labelNames: labelsOf(name), registers: [this.registry] });
  }

  /** A call has started: what `track_request` does in seed 004. Returns the function that ends it. */
  started(agent: string, provider: string): () => void {
    const labels = { agent_id: agent, provider };
    this.active.inc(labels);
    return () => this.active.dec(labels);
  }

  /** A finished call, as seed 004's record_request and record_error record it; `traceId` becomes the latency exemplar. */
  finished(call: DemoCall, traceId: string): void {
    const base = { agent_id: call.agent, model: call.model.model, provider: call.model.provider };
    const status = call.errorType ? "error" : "success";
    this.requests.inc({ ...base, status });
    this.duration.observe({ labels: { ...base, status }, value: call.durationSeconds, exemplarLabels: { trace_id: traceId } });
    (call.cacheHit ? this.cacheHits : this.cacheMisses).inc({ agent_id: call.agent, model: call.model.model });
    if (call.errorType) this.errors.inc({ ...base, error_type: call.errorType });
    if (call.promptTokens > 0) this.tokens.inc({ ...base, token_type: "prompt" }, call.promptTokens);
    if (call.completionTokens > 0) this.tokens.inc({ ...base, token_type: "completion" }, call.completionTokens);
    if (call.costUsd > 0) this.cost.inc(base, call.costUsd);
  }

  setCacheSize(tenant: string, entries: number): void {
    this.cacheSize.set({ tenant }, entries);
  }

  exposition(): Promise<string> {
    return this.registry.metrics();
  }
}
