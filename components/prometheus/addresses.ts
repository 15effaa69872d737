/**
 * Where Prometheus listens and takes pushed metrics, apart from its description: the demo's container
 * bundle imports these, and nothing of the description.
 */
export const PROMETHEUS_PORT = 9090;
/** Where Prometheus' OTLP receiver takes pushed metrics. */
export const OTLP_METRICS_PATH = "/api/v1/otlp/v1/metrics";
