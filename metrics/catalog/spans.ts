import type { CatalogMetric } from "./types.ts";
import { SPAN_METRICS, SPAN_METRICS_PREFIX, spanLabel } from "./spanMetrics.ts";

const EMITTERS = "Jaeger's spanmetrics connector, from the spans services send it (OpenLIT's, OpenTelemetry's), scraped as jaeger-spanmetrics";
const LABELS = ["service_name", "span_name", "span_kind", "status_code", ...SPAN_METRICS.dimensions.map(spanLabel)];

/** The span metrics Jaeger derives (spanMetrics.ts), as Prometheus scrapes them from Jaeger's exporter. */
export const SPAN_METRICS_CATALOG = [
  {
    id: "calls",
    vocabulary: "spans",
    names: [`${SPAN_METRICS_PREFIX}_calls_total`],
    type: "counter",
    unit: "calls",
    labels: LABELS,
    emitters: EMITTERS,
    help: `Spans ended, by status: ${SPAN_METRICS.errorStatus} is a failed call.`,
  },
  {
    id: "duration",
    vocabulary: "spans",
    names: [`${SPAN_METRICS_PREFIX}_duration_seconds`],
    type: "histogram",
    unit: "seconds",
    labels: LABELS,
    emitters: EMITTERS,
    help: "Span durations.",
    buckets: SPAN_METRICS.durationBuckets,
    notRecorded: "the GenAI duration histogram of the same calls is recorded instead; Jaeger's Monitor tab reads this one",
  },
] as const satisfies readonly CatalogMetric[];
