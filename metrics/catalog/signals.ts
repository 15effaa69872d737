/**
 * What the dashboards show, by what it is computed from: a panel reads some signals, an emitter carries
 * some (alerts/catalog/emitters.ts); a panel has data for an emitter that carries every signal it reads.
 * `agent` and `provider` are dimensions: an emitter without them leaves the per-agent and per-provider
 * panels empty, never filled with one unnamed line.
 */
export const SIGNALS = ["requests", "errors", "tokens", "cost", "duration", "ttft", "tokenSpeed", "cache", "activeRequests", "budget", "agent", "provider"] as const;
export type Signal = (typeof SIGNALS)[number];

/** How a signal is named where a panel says an emitter lacks it. */
export const SIGNAL_NAMES: Record<Signal, string> = {
  requests: "call counts",
  errors: "failed calls",
  tokens: "token counts",
  cost: "cost",
  duration: "call durations",
  ttft: "time to first token",
  tokenSpeed: "token speed",
  cache: "response-cache lookups",
  activeRequests: "calls in flight",
  budget: "budgets",
  agent: "agents",
  provider: "providers",
};
