/** The three ways emitters name LLM metrics, as they arrive in Prometheus. */
export type Vocabulary = "usage" | "performance" | "genai";

export type MetricType = "counter" | "histogram" | "gauge";

export interface CatalogMetric {
  /** The name as it appears in Prometheus; for histograms the base name (series end in _bucket, _sum, _count). */
  name: string;
  type: MetricType;
  /** What one unit of the value is: "requests", "tokens", "USD", "seconds", "tokens/s". */
  unit: string;
  /** Labels the emitter sets (besides the scrape's job and instance). */
  labels: string[];
  vocabulary: Vocabulary;
  /** Who emits it, in words. */
  emitters: string;
  help: string;
  /** Histogram bucket boundaries the emitter uses (for synthetic data and quantile sanity). */
  buckets?: number[];
  /** Why the metric has no canonical series, when it has none. */
  notRecorded?: string;
}
