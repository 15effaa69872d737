import type { StackConfig } from "../config/schema.ts";
import { durationSeconds } from "../config/durations.ts";
import type { RuleGroup } from "./model.ts";
import { SERIES } from "../metrics/canonical.ts";
import { totalOver } from "../metrics/promql.ts";
import { BUDGET_ALERTS } from "./names.ts";
import { runbookUrl } from "./runbook.ts";
import { twinAlerts } from "./twins.ts";

/**
 * Spend against the daily budget (seed 004). "Daily" is the last 24 hours, so the alert means the same at
 * any hour; the projection extrapolates the last hour's spend to 24 hours.
 */
export function budgetAlertRules(config: StackConfig): RuleGroup {
  const { dailyBudgetUsd: budget, budgetWarningPercent: warningPercent } = config.thresholds;
  const every = durationSeconds(config.prometheus.evaluationInterval);
  const spent24h = `sum(${totalOver(SERIES.cost, "24h", every)})`;
  const projected = `sum(${totalOver(SERIES.cost, "1h", every)}) * 24`;
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
    ],
  };
}
