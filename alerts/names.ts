/**
 * Alert names other code refers to: the Usage dashboard annotates the budget alerts from their ALERTS
 * series, so the names live in one place.
 */
export const BUDGET_ALERTS = {
  spendHigh: "LLMDailySpendHigh",
  budgetExceeded: "LLMDailyBudgetExceeded",
  projectedOverBudget: "LLMSpendProjectedOverBudget",
} as const;
