/**
 * A synthetic LLM workload: what a fleet of agents does per second. The vocabulary renderers turn it into
 * the series each emitter would expose after running for some seconds, so tests can check not only that
 * panels return data but that they return the right numbers.
 */
export interface CallProfile {
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

/** How a distribution of observations is spread around its typical value (share, multiple of typical). */
export const SPREAD: readonly [number, number][] = [
  [0.3, 0.6],
  [0.4, 1],
  [0.2, 1.5],
  [0.09, 2.5],
  [0.01, 6],
];

/** Healthy traffic: errors 2% (under the 10% critical line), speeds well above 10 tokens/s. */
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
    { ...base, agent: "meetmind.coordinator", model: "gpt-4o", provider: "openai", requestsPerSecond: 4, errorRatio: 0.02, costPerRequestUsd: 0.012, durationSeconds: 1.5, ttftSeconds: 0.4, tokensPerSecond: 45 },
    { ...base, agent: "meetmind.summarizer", model: "claude-sonnet-4", provider: "anthropic", requestsPerSecond: 2, errorRatio: 0.02, costPerRequestUsd: 0.02, durationSeconds: 2.5, ttftSeconds: 0.6, tokensPerSecond: 35 },
    { ...base, agent: "agent.svea.pm", model: "gpt-4o-mini", provider: "openai", requestsPerSecond: 6, errorRatio: 0.02, costPerRequestUsd: 0.001, durationSeconds: 0.8, ttftSeconds: 0.2, tokensPerSecond: 80 },
  ];
}
