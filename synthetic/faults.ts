/**
 * The faults the demo can be switched into, each a change to its workload that a real LLM application
 * goes through. `alert` is the alert the fault should fire; `alsoFires` are alerts the same trouble
 * rightly fires too (slow decoding makes calls slow; failures spend the error budget).
 */
import { BUDGET_ALERTS } from "../rules/names.ts";

/** What each fault changes in the demo's workload (synthetic/demoWorkload.ts). */
export const FAULT_EFFECTS = {
  errorRatio: 0.25,
  /** Seconds spent before the model is called, times the call's spread factor. */
  slowRequestDelaySeconds: 4,
  slowTokensPerSecond: 4,
  cacheHitRatio: 0.02,
  costMultiplier: 1000,
} as const;

export const FAULTS = {
  "error-spike": {
    description: `${FAULT_EFFECTS.errorRatio * 100}% of the calls fail (rate limits and timeouts)`,
    alert: "LLMErrorRateHigh",
    alsoFires: ["LLMSuccessRateLow", "LLMErrorBudgetBurn"],
  },
  "slow-requests": {
    description: `calls spend about ${FAULT_EFFECTS.slowRequestDelaySeconds} s before the model answers (retries, a slow tool); first token and decoding as usual`,
    alert: "LLMRequestsSlow",
    alsoFires: ["LLMLatencyP99High"],
  },
  "slow-tokens": {
    description: `the models decode ${FAULT_EFFECTS.slowTokensPerSecond} output tokens per second, so calls take longer too`,
    alert: "LLMTokenGenerationSlow",
    alsoFires: ["LLMRequestsSlow", "LLMLatencyP99High"],
  },
  "cache-collapse": {
    description: `the response cache is emptied and hits ${FAULT_EFFECTS.cacheHitRatio * 100}% of lookups, so nearly every call goes to a model`,
    alert: "LLMCacheHitRateLow",
    alsoFires: [],
  },
  "cost-runaway": {
    description:
      `every call costs ${FAULT_EFFECTS.costMultiplier} times as much (a retry loop resending huge contexts); ` +
      "the spend-rate alert compares with the hour before, so it needs the demo to have run that long",
    alert: BUDGET_ALERTS.spendRunaway,
    alsoFires: [BUDGET_ALERTS.dailySpend],
  },
  "service-down": {
    description: "no calls, and /metrics answers 503 (the fault switches still answer)",
    alert: "LLMServiceDown",
    alsoFires: [],
  },
} as const satisfies Record<string, Fault>;

interface Fault {
  description: string;
  alert: string;
  alsoFires: readonly string[];
}

export type FaultName = keyof typeof FAULTS;
export const FAULT_NAMES = Object.keys(FAULTS) as FaultName[];

export function isFaultName(name: string): name is FaultName {
  return (FAULT_NAMES as string[]).includes(name);
}

/** Fault names from user input, every unknown one reported at once with the known ones. */
export function parseFaultNames(names: readonly string[]): FaultName[] {
  const unknown = names.filter((name) => !isFaultName(name));
  if (unknown.length > 0) {
    throw new RangeError(`unknown fault${unknown.length > 1 ? "s" : ""} ${unknown.map((n) => `"${n}"`).join(", ")}; the faults are ${FAULT_NAMES.join(", ")}`);
  }
  return [...new Set(names)] as FaultName[];
}
