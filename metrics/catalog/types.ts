/**
 * The families of LLM metrics the project understands, as they arrive in Prometheus:
 *   usage        seed 004's prometheus_client metrics (llm_requests_total, llm_cost_total, ...)
 *   performance  Nexent's OpenTelemetry instruments (seed 000): llm_token_generation_rate, ...
 *   genai        the OpenTelemetry GenAI semantic conventions (OpenLIT, OpenTelemetry instrumentations)
 *   spans        the span metrics Jaeger derives from GenAI client spans (calls and errors)
 *   vllm         a vLLM server's vllm:* metrics
 *   litellm      a LiteLLM proxy's litellm_* metrics
 *   proxy        seed 003's LLM proxy services (prometheus_client): HTTP RED, LLM calls and tokens, cache,
 *                context condensation, provider health
 */
export type Vocabulary = "usage" | "performance" | "genai" | "spans" | "vllm" | "litellm" | "proxy";

export type MetricType = "counter" | "histogram" | "gauge";

/** A catalogued metric; `Id` is its id as a literal type, so the ids a vocabulary has are known to the compiler. */
export interface CatalogMetric<Id extends string = string> {
  /** What the metric is within its vocabulary, e.g. "duration"; unique per vocabulary. */
  id: Id;
  vocabulary: Vocabulary;
  /**
   * Every name a real path produces, in Prometheus (counters with their _total, histograms by their base
   * name), preferred first. Exporters differ: the OpenTelemetry JS Prometheus exporter adds no unit suffix,
   * Prometheus 3's OTLP translation and the Python Prometheus exporter add it (`_seconds`, `_USD`,
   * `_tokens_per_second`, `_errors`). A service exposing two of them is read once.
   */
  names: readonly string[];
  type: MetricType;
  /** What one unit of the value is: "requests", "tokens", "USD", "seconds", "tokens/s". */
  unit: string;
  /** Labels the emitters set (besides the scrape's job and instance); alternatives are all listed. */
  labels: readonly string[];
  /** Who emits it, and in which of `names`. */
  emitters: string;
  help: string;
  /** Bucket bounds the emitter uses, where it fixes them. */
  buckets?: readonly number[];
  /** Why the metric feeds no canonical series, when it feeds none. */
  notRecorded?: string;
}
