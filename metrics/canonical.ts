/**
 * The canonical LLM series: what every emitter's metrics are recorded into, and the only LLM series
 * dashboards and alerts read. Names follow Prometheus' level:metric:operations convention: the level lists
 * the labels kept (agent = agent_id), the operation says how the value was computed:
 *
 *   increase   what the counters added since the rule group's previous evaluation (see increments.ts):
 *              a total over any range is the sum of these, a rate their sum over a window divided by it;
 *              both are right for series that appear, reset or vanish, at any evaluation interval.
 *   mean5m     a ratio over the last 5 minutes.
 *   sum        a gauge, summed.
 *
 * Each series is kept at the granularity the panels and alerts show, no finer: counters by service (job),
 * agent, model and provider (the dashboards filter on all three); the cache by service and agent; the
 * end-to-end latency histogram by model and provider (what its panels and alerts show); the time-to-first-
 * token histogram also by service, for the per-service objective. Every series also carries `vocabulary`:
 * which family of metrics it was recorded from.
 */
export const CANONICAL_LABELS = ["job", "agent_id", "model", "provider"] as const;
export type CanonicalLabel = (typeof CANONICAL_LABELS)[number];

/** The labels of the time-to-first-token histogram and the token speed: not per agent (see above). */
export const HISTOGRAM_LABELS = ["job", "model", "provider"] as const;

/** The labels of the end-to-end latency histogram: not per agent or service (see above). */
export const DURATION_LABELS = ["model", "provider"] as const;

/** The labels of the cache series: an agent's response cache, across its models. */
export const CACHE_LABELS = ["job", "agent_id"] as const;

/** The labels dashboards filter on, as template variables: the service (job) first. */
export const FILTER_LABELS = ["job", "agent_id", "model", "provider"] as const;
export type FilterLabel = (typeof FILTER_LABELS)[number];

/** How far back a rate on a panel or in an alert looks. */
export const RATE_WINDOW = "5m";

export const SERIES = {
  /** LLM calls, every outcome. */
  requests: "job_agent_model_provider:llm_requests:increase",
  /** Failed LLM calls; 0 where the emitter records failures and there were none. */
  errors: "job_agent_model_provider:llm_request_errors:increase",
  /** Tokens, by direction (input | output). */
  tokens: "job_agent_model_provider_direction:llm_tokens:increase",
  /** US dollars. */
  cost: "job_agent_model_provider:llm_cost_usd:increase",
  /** The end-to-end latency histogram's buckets (le). */
  durationBuckets: "model_provider_le:llm_request_duration_seconds_bucket:increase",
  /** The time-to-first-token histogram's buckets (le). */
  ttftBuckets: "job_model_provider_le:llm_time_to_first_token_seconds_bucket:increase",
  /** Mean output tokens per second of a response (decode speed). */
  tokenSpeed: "job_model_provider:llm_output_tokens_per_second:mean5m",
  cacheHits: "job_agent:llm_cache_hits:increase",
  cacheMisses: "job_agent:llm_cache_misses:increase",
  /** LLM calls in flight. */
  activeRequests: "job_agent:llm_active_requests:sum",
  /** What a budget (label `budget`: "team <name>" or "key <name>") still allows, and the budget, in US dollars. */
  budgetRemaining: "job_budget:llm_budget_remaining_usd:sum",
  budget: "job_budget:llm_budget_usd:sum",
} as const;

/** Per service: what alerts and objectives read over long windows, one series per job. */
export const SERVICE_SERIES = {
  requests: "job:llm_requests:increase",
  errors: "job:llm_request_errors:increase",
  cost: "job:llm_cost_usd:increase",
  /** First tokens, and those that came within the objective's bound (interpolated where it is no bucket bound). */
  firstTokens: "job:llm_time_to_first_token:increase",
  firstTokensWithinObjective: "job:llm_time_to_first_token_within_objective:increase",
} as const;
