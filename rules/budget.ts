import type { StackConfig } from "../config/schema.ts";
import type { RuleGroup } from "./model.ts";
import { SERIES, SERVICE_SERIES } from "../metrics/canonical.ts";
import { totalOver } from "../metrics/promql.ts";
import { BUDGET_ALERTS } from "./names.ts";
import { runbookUrl } from "./runbook.ts";
import { twinAlerts } from "./twins.ts";

/**
 * Spend against the daily budget (seed 004). "Daily" is the last 24 hours, so the alert means the same at
 * any hour; the projection extrapolates the last hour's spend to 24 hours. Budgets an emitter keeps itself
 * (LiteLLM's per team and per key) alert when little of them is left.
 */
export function budgetAlertRules(config: StackConfig): RuleGroup {
  const { dailyBudgetUsd: budget, budgetWarningPercent: warningPercent } = config.thresholds;
  const spent24h = `sum(${totalOver(SERVICE_SERIES.cost, "24h")})`;
  const projected = `sum(${totalOver(SERVICE_SERIES.cost, "1h")}) * 24`;
  const leftShare = `${SERIES.budgetRemaining} / on (job, budget) (${SERIES.budget} > 0)`;
  return {
    name: "llmobs-llm-budget",
    rules: [
      ...twinAlerts(
        {
          alert: BUDGET_ALERTS.dailySpend,
          for: "5m",
          annotations: {
            summary: "LLM spend is approaching or over the daily budget",
            description:
              `$\{{ $value | printf "%.2f" }} has been spent on LLM calls in the last 24 hours; the daily budget is $${budget} ` +
              `(warning from ${warningPercent}%, critical over 100%).`,
            runbook_url: runbookUrl(config, BUDGET_ALERTS.dailySpend),
          },
        },
        `${spent24h} > ${(budget * warningPercent) / 100}`,
        `${spent24h} > ${budget}`,
      ),
      {
        alert: BUDGET_ALERTS.projectedOverBudget,
        expr: `${projected} > ${budget}`,
        for: "15m",
        labels: { severity: "warning" },
        annotations: {
          summary: "At the current rate, LLM spend will exceed the daily budget",
          description: `The last hour's LLM spend, over 24 hours, comes to $\{{ $value | printf "%.2f" }}; the daily budget is $${budget}.`,
          runbook_url: runbookUrl(config, BUDGET_ALERTS.projectedOverBudget),
        },
      },
      ...twinAlerts(
        {
          alert: BUDGET_ALERTS.emitterBudget,
          for: "5m",
          annotations: {
            summary: "{{ $labels.job }}: the {{ $labels.budget }} budget is nearly or fully spent",
            description:
              "{{ $value | humanizePercentage }} of {{ $labels.job }}'s {{ $labels.budget }} budget is left " +
              `(warning from ${warningPercent}% spent, critical when all of it is).`,
            runbook_url: runbookUrl(config, BUDGET_ALERTS.emitterBudget),
          },
        },
        `${leftShare} < ${Number((1 - warningPercent / 100).toFixed(6))}`,
        `${leftShare} <= 0`,
      ),
    ],
  };
}
