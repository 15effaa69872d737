/**
 * Alert names other code refers to: the Usage dashboard annotates the budget alerts from their ALERTS
 * series, so the names live in one place.
 */
export const BUDGET_ALERTS = {
  /** warning at the warning share of the daily budget, critical over the budget. */
  dailySpend: "LLMDailySpendHigh",
  projectedOverBudget: "LLMSpendProjectedOverBudget",
  /** A service spending several times its usual rate. */
  spendRunaway: "LLMSpendRateHigh",
  /** A budget the emitter keeps itself (LiteLLM's teams and keys): warning at the warning share spent, critical when spent. */
  emitterBudget: "LLMBudgetNearlySpent",
} as const;
