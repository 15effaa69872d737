/**
 * The span metrics Jaeger derives from the traces it receives (the OpenTelemetry Collector's spanmetrics
 * connector, built into Jaeger v2): calls and a duration histogram per service, operation, span kind and
 * status, plus the GenAI attributes below. They carry what an emitter's own metrics may lack: OpenLIT
 * records no metric for a failed call, but its span for that call ends with status ERROR.
 */
export const SPAN_METRICS = {
  /** The connector's metric namespace; Prometheus names are `traces_span_metrics_calls_total`, ... */
  namespace: "traces.span.metrics",
  /** Span attributes kept as labels (dots become underscores in Prometheus). */
  dimensions: ["gen_ai.request.model", "gen_ai.provider.name", "gen_ai.system", "gen_ai.operation.name", "error.type"],
  /** Duration histogram unit and bounds, in seconds: the catalog's latency bounds. */
  durationUnit: "s",
  durationBuckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120],
  /** The status a failed span ends with, as the connector labels it. */
  errorStatus: "STATUS_CODE_ERROR",
  /** Only client spans of GenAI calls are LLM calls (a service's HTTP or database spans are not). */
  clientKind: "SPAN_KIND_CLIENT",
} as const;

/** A span attribute as Prometheus labels it. */
export function spanLabel(attribute: string): string {
  return attribute.replaceAll(".", "_");
}

/** The namespace as it prefixes Prometheus metric names. */
export const SPAN_METRICS_PREFIX = spanLabel(SPAN_METRICS.namespace);
