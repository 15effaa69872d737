/**
 * A synthetic LLM workload: what a fleet of agents does per second. The vocabulary renderers turn it into
 * the series each emitter would expose after running for some seconds, so tests can check not only that
 * panels return data but that they return the right numbers.
 */
export interface CallProfile {
  /** The service making the calls, as Prometheus' job label; unset where a scrape adds it. */
  job?: string;
  agent: string;
  model: string;
  provider: string;
  /** Serving replicas (the instance label). */
  instances: number;
  requestsPerSecond: number;
  /** Share of calls that fail. */
  errorRatio: number;
  errorTypes: string[];
  promptTokens: number;
  completionTokens: number;
  costPerRequestUsd: number;
  cacheHitRatio: number;
  /** Median end-to-end duration. */
  durationSeconds: number;
  ttftSeconds: number;
  /** Output tokens per second while decoding. */
  tokensPerSecond: number;
  /** Calls in flight at any moment. */
  inFlight: number;
}

/**
 * How a distribution of observations is spread around its typical value (share, multiple of typical):
 * the 99th percentile stays within 2.5 times the typical value, a long but healthy tail.
 */
export const SPREAD: readonly [number, number][] = [
  [0.3, 0.6],
  [0.4, 1],
  [0.2, 1.5],
  [0.095, 2.5],
  [0.005, 4],
];

/**
 * Healthy traffic, as the alerts define it: errors under 1%, p99 under 5 s, more than 10 tokens/s, cache
 * hits above 30%, spend far below a $100 daily budget (about $7 a day).
 */
export function healthyWorkload(): CallProfile[] {
  const base = {
    instances: 2,
    errorTypes: ["rate_limit", "timeout"],
    promptTokens: 600,
    completionTokens: 200,
    cacheHitRatio: 0.4,
    inFlight: 3,
  };
  return [
    { ...base, agent: "meetmind.coordinator", model: "gpt-4o", provider: "openai", requestsPerSecond: 4, errorRatio: 0.005, costPerRequestUsd: 0.00001, durationSeconds: 1.5, ttftSeconds: 0.3, tokensPerSecond: 45 },
    { ...base, agent: "meetmind.summarizer", model: "claude-sonnet-4", provider: "anthropic", requestsPerSecond: 2, errorRatio: 0.005, costPerRequestUsd: 0.00002, durationSeconds: 1.8, ttftSeconds: 0.35, tokensPerSecond: 35 },
    { ...base, agent: "agent.svea.pm", model: "gpt-4o-mini", provider: "openai", requestsPerSecond: 6, errorRatio: 0.005, costPerRequestUsd: 0.000001, durationSeconds: 0.8, ttftSeconds: 0.15, tokensPerSecond: 80 },
  ];
}

/**
 * A fleet for the benchmark: 5 teams, each one service (job) running 5 agents that call 4 models, on
 * `instancesPerJob` replicas. In the usage vocabulary a replica of the fleet stores 3,455 series: 34 per
 * agent and model (prometheus_client's `_created` ones included), one per agent and provider, the cache size.
 */
export function fleetWorkload(instancesPerJob: number): CallProfile[] {
  const models = [
    { model: "gpt-4o", provider: "openai", costPerRequestUsd: 0.012, durationSeconds: 1.5, tokensPerSecond: 45 },
    { model: "gpt-4o-mini", provider: "openai", costPerRequestUsd: 0.001, durationSeconds: 0.8, tokensPerSecond: 80 },
    { model: "claude-sonnet-4", provider: "anthropic", costPerRequestUsd: 0.02, durationSeconds: 2.5, tokensPerSecond: 35 },
    { model: "claude-haiku-4", provider: "anthropic", costPerRequestUsd: 0.002, durationSeconds: 0.9, tokensPerSecond: 70 },
  ];
  const profiles: CallProfile[] = [];
  for (let team = 1; team <= 5; team++) {
    for (let agent = 1; agent <= 5; agent++) {
      for (const model of models) {
        profiles.push({
          ...model,
          job: `team${team}-agents`,
          agent: `team${team}.agent${agent}`,
          instances: instancesPerJob,
          requestsPerSecond: 0.5 + ((team * 7 + agent * 3) % 10) / 10,
          errorRatio: 0.02,
          errorTypes: ["rate_limit", "timeout"],
          promptTokens: 600,
          completionTokens: 200,
          cacheHitRatio: 0.4,
          ttftSeconds: 0.4,
          inFlight: 2,
        });
      }
    }
  }
  return profiles;
}
