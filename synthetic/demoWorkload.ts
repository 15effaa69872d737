import { SPREAD } from "./workload.ts";
import { FAULT_EFFECTS, type FaultName } from "./faults.ts";
import { DEMO_MODEL_PATTERN } from "../config/demoDefaults.ts";

/** A model the demo calls, and how it behaves when healthy. */
export interface DemoModel {
  provider: string;
  model: string;
  ttftSeconds: number;
  /** Output tokens per second while decoding. */
  tokensPerSecond: number;
  usdPerInputToken: number;
  usdPerOutputToken: number;
}

/** List prices and typical speeds (2025) of the models the demo knows; any other model gets GENERIC_MODEL's. */
const KNOWN_MODELS: Record<string, Omit<DemoModel, "provider" | "model">> = {
  "gpt-4o-mini": { ttftSeconds: 0.15, tokensPerSecond: 80, usdPerInputToken: 0.15e-6, usdPerOutputToken: 0.6e-6 },
  "gpt-4o": { ttftSeconds: 0.3, tokensPerSecond: 45, usdPerInputToken: 2.5e-6, usdPerOutputToken: 10e-6 },
  "claude-haiku-4-5": { ttftSeconds: 0.2, tokensPerSecond: 70, usdPerInputToken: 1e-6, usdPerOutputToken: 5e-6 },
  "claude-sonnet-4": { ttftSeconds: 0.35, tokensPerSecond: 35, usdPerInputToken: 3e-6, usdPerOutputToken: 15e-6 },
};
const GENERIC_MODEL = { ttftSeconds: 0.3, tokensPerSecond: 40, usdPerInputToken: 1e-6, usdPerOutputToken: 4e-6 };

/** `provider/model`, as LiteLLM names them: "openai/gpt-4o-mini". */
export function demoModel(providerAndModel: string): DemoModel {
  const match = DEMO_MODEL_PATTERN.exec(providerAndModel);
  if (!match) throw new RangeError(`"${providerAndModel}" is not provider/model (e.g. openai/gpt-4o-mini)`);
  const [, provider, model] = match as unknown as [string, string, string];
  return { provider, model, ...(KNOWN_MODELS[model] ?? GENERIC_MODEL) };
}

/** The shape of every call, healthy: short prompts and replies, a 40% cache hit ratio, 0.5% of model calls (cache misses) failing. */
export const DEMO_CALL = {
  promptTokens: 300,
  completionTokens: 40,
  cacheHitRatio: 0.4,
  errorRatio: 0.005,
  /** A cache hit answers in this long, without a model call. */
  cacheHitSeconds: 0.02,
} as const;

/** One simulated call: what happened, and how long each part took. */
export interface DemoCall {
  agent: string;
  model: DemoModel;
  cacheHit: boolean;
  /** The failure, when the call failed. */
  errorType?: "rate_limit" | "timeout";
  durationSeconds: number;
  /** Present when a model produced tokens. */
  ttftSeconds?: number;
  secondsPerOutputToken?: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
}

/** The fractional part of k times an irrational: a well-mixed, reproducible sequence in [0, 1). */
function mixed(k: number, irrational: number): number {
  const x = k * irrational;
  return x - Math.floor(x);
}

/** The spread factor (see SPREAD) of the call whose quantile is u. */
function spreadFactor(u: number): number {
  let below = 0;
  for (const [share, factor] of SPREAD) {
    below += share;
    if (u < below) return factor;
  }
  return SPREAD.at(-1)![1];
}

/** Whether the k-th call is one of a `ratio` share, spaced evenly: exactly that share over any long run. */
function evenlyEvery(k: number, ratio: number): boolean {
  return Math.floor((k + 1) * ratio) > Math.floor(k * ratio);
}

/**
 * The k-th call (0, 1, ...) an agent makes to a model, with the active faults. Reproducible: the same
 * inputs give the same call, so a test knows what the demo did.
 */
export function demoCall(agent: string, model: DemoModel, k: number, faults: ReadonlySet<FaultName>): DemoCall {
  const factor = spreadFactor(mixed(k, 0.6180339887498949));
  const hitRatio = faults.has("cache-collapse") ? FAULT_EFFECTS.cacheHitRatio : DEMO_CALL.cacheHitRatio;
  const cacheHit = mixed(k, 0.4142135623730951) < hitRatio;
  const base = { agent, model, cacheHit, promptTokens: 0, completionTokens: 0, costUsd: 0 };
  if (cacheHit) return { ...base, durationSeconds: DEMO_CALL.cacheHitSeconds };
  const delay = faults.has("slow-requests") ? FAULT_EFFECTS.slowRequestDelaySeconds * factor : 0;
  if (evenlyEvery(k, faults.has("error-spike") ? FAULT_EFFECTS.errorRatio : DEMO_CALL.errorRatio)) {
    const errorType = mixed(k, 0.7320508075688772) < 0.5 ? "rate_limit" : "timeout";
    // A rate limit is refused at once; a timeout waits for the client's deadline.
    return { ...base, errorType, durationSeconds: delay + (errorType === "rate_limit" ? 0.1 : 1) * factor };
  }
  const speed = faults.has("slow-tokens") ? FAULT_EFFECTS.slowTokensPerSecond : model.tokensPerSecond;
  const ttft = model.ttftSeconds * factor;
  const multiplier = faults.has("cost-runaway") ? FAULT_EFFECTS.costMultiplier : 1;
  return {
    ...base,
    durationSeconds: delay + ttft + DEMO_CALL.completionTokens / speed,
    ttftSeconds: ttft,
    secondsPerOutputToken: 1 / speed,
    promptTokens: DEMO_CALL.promptTokens,
    completionTokens: DEMO_CALL.completionTokens,
    costUsd: multiplier * (DEMO_CALL.promptTokens * model.usdPerInputToken + DEMO_CALL.completionTokens * model.usdPerOutputToken),
  };
}
