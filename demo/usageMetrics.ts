import { Counter, Gauge, Histogram, Registry, type OpenMetricsContentType } from "prom-client";
import { catalogMetric, nameOf, type MetricId } from "../metrics/catalog/metrics.ts";
import type { DemoCall } from "../synthetic/demoWorkload.ts";

type UsageId = MetricId<"usage">;

/** A seed 004 metric's name, help and labels, as its catalog entry lists them. */
function definition(id: UsageId): { name: string; help: string; labelNames: string[] } {
  const metric = catalogMetric("usage", id);
  return { name: nameOf("usage", id), help: metric.help, labelNames: [...metric.labels] };
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
  private readonly requests = this.counter("requests");
  private readonly tokens = this.counter("tokens");
  private readonly cacheHits = this.counter("cacheHits");
  private readonly cacheMisses = this.counter("cacheMisses");
  private readonly errors = this.counter("errors");
  private readonly cost = this.counter("cost");
  private readonly duration = new Histogram({
    ...definition("duration"),
    buckets: [...catalogMetric("usage", "duration").buckets!],
    enableExemplars: true,
    registers: [this.registry],
  });
  private readonly active = new Gauge({ ...definition("active"), registers: [this.registry] });
  private readonly cacheSize = new Gauge({ ...definition("cacheSize"), registers: [this.registry] });

  private counter(id: UsageId): Counter {
    return new Counter({ ...definition(id), registers: [this.registry] });
  }

  /**
   * A call has started: what `track_request` does in seed 004, and the cache lookup, counted when it
   * happens as a cache layer counts it (counted at the end, a slow model's misses would arrive late and
   * in a burst). Returns the function that ends the call.
   */
  started(call: DemoCall): () => void {
    const labels = { agent_id: call.agent, provider: call.model.provider };
    this.active.inc(labels);
    (call.cacheHit ? this.cacheHits : this.cacheMisses).inc({ agent_id: call.agent, model: call.model.model });
    return () => this.active.dec(labels);
  }

  /**
   * A finished call, as seed 004's record_request (a success: the call, its tokens, cost and
   * latency) and record_error (a failure: only its error type) record it; `traceId` becomes the latency exemplar.
   */
  finished(call: DemoCall, traceId: string): void {
    const base = { agent_id: call.agent, model: call.model.model, provider: call.model.provider };
    if (call.errorType) {
      this.errors.inc({ ...base, error_type: call.errorType });
      return;
    }
    this.requests.inc({ ...base, status: "success" });
    this.tokens.inc({ ...base, token_type: "prompt" }, call.promptTokens);
    this.tokens.inc({ ...base, token_type: "completion" }, call.completionTokens);
    this.cost.inc(base, call.costUsd);
    this.duration.observe({ labels: base, value: call.durationSeconds, exemplarLabels: { trace_id: traceId } });
  }

  setCacheSize(tenant: string, entries: number): void {
    this.cacheSize.set({ tenant }, entries);
  }

  exposition(): Promise<string> {
    return this.registry.metrics();
  }
}
