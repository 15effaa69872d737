/**
 * The canonical LLM series: what every vocabulary in the catalog is recorded into, and the only LLM
 * series dashboards and alerts read. Names follow Prometheus' level:metric:operations convention: the
 * level lists the labels kept (agent = agent_id), the operations say how the value was computed.
 *
 * Every canonical series also carries `vocabulary` (usage | performance | genai): the emitter it was
 * recorded from.
 */
export const CANONICAL_LABELS = ["job", "agent_id", "model", "provider"] as const;
export type CanonicalLabel = (typeof CANONICAL_LABELS)[number];

/** The labels dashboards filter on, as template variables. */
export const FILTER_LABELS = ["agent_id", "model", "provider"] as const;
export type FilterLabel = (typeof FILTER_LABELS)[number];

const LEVEL = "job_agent_model_provider";

/** Rate windows the rules record; 5m for dashboards, the longer ones for SLO burn rates. */
export const WINDOWS = ["5m", "30m", "1h", "2h", "6h", "1d", "3d"] as const;
export type Window = (typeof WINDOWS)[number];

export const SERIES = {
  /** LLM calls per second, every outcome. */
  requests: (window: Window = "5m") => `${LEVEL}:llm_requests:rate${window}`,
  /** Failed LLM calls per second, by error_type. */
  errors: (window: Window = "5m") => `${LEVEL}_error_type:llm_request_errors:rate${window}`,
  /** Tokens per second, by direction (input | output). */
  tokens: `${LEVEL}_direction:llm_tokens:rate5m`,
  /** US dollars per second. */
  cost: `${LEVEL}:llm_cost_usd:rate5m`,
  /** Per-bucket rate of the end-to-end latency histogram (keeps le). */
  durationBuckets: `${LEVEL}_le:llm_request_duration_seconds_bucket:rate5m`,
  /** Per-bucket rate of the time-to-first-token histogram (keeps le). */
  ttftBuckets: (window: Window = "5m") => `${LEVEL}_le:llm_time_to_first_token_seconds_bucket:rate${window}`,
  /** Mean output tokens per second of a response (decode speed). */
  tokenSpeed: `${LEVEL}:llm_output_tokens_per_second:mean5m`,
  cacheHits: "job_agent_model:llm_cache_hits:rate5m",
  cacheMisses: "job_agent_model:llm_cache_misses:rate5m",
  /** LLM calls in flight. */
  activeRequests: "job_agent_provider:llm_active_requests:sum",
} as const;
