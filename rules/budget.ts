import type { StackConfig } from "../config/schema.ts";
import type { RuleGroup } from "./model.ts";
import { SERIES, SERVICE_SERIES } from "../metrics/canonical.ts";
import { totalOver } from "../metrics/promql.ts";
import { BUDGET_ALERTS } from "./names.ts";
import { runbookUrl } from "./runbook.ts";
import { twinAlerts } from "./twins.ts";
import { durationSeconds, formatDuration } from "../config/durations.ts";
import type { AlertingRule } from "./model.ts";

/**
 * Spend against the daily budget (seed 004). "Daily" is the last 24 hours, so the alert means the same at
 * any hour; the projection scales the last day's spend by how the last hour compares with yesterday's. Budgets an emitter keeps itself
 * (LiteLLM's per team and per key) alert when little of them is left.
 */
export function budgetAlertRules(config: StackConfig): RuleGroup {
  const { dailyBudgetUsd: budget, budgetWarningPercent: warningPercent } = config.thresholds;
  const a = config.alerts;
  const spent24h = `sum(${totalOver(SERVICE_SERIES.cost, "24h")})`;
  // The last day's spend, scaled by how the last window compares with the same window a day before: a
  // daily peak is no overspend, a day that runs hotter than yesterday is. It needs a day of history.
  const window = a.projectedSpendWindow;
  const yesterdayCovered = `on () count(${SERVICE_SERIES.cost} offset ${formatDuration(86400 + durationSeconds(window))}) > 0`;
  const projected = `${spent24h} * sum(${totalOver(SERVICE_SERIES.cost, window)}) / (sum(sum_over_time(${SERVICE_SERIES.cost}[${window}] offset 1d)) > 0)`;
  const leftShare = `${SERIES.budgetRemaining} / on (job, budget) (${SERIES.budget} > 0)`;
  return {
    name: "llmobs-llm-budget",
    rules: [
      ...twinAlerts(
        {
          alert: BUDGET_ALERTS.dailySpend,
          for: a.dailySpendFor,
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
        expr: `${projected} > ${budget} and ${yesterdayCovered}`,
        for: a.projectedSpendFor,
        labels: { severity: "warning" },
        annotations: {
          summary: "At the current rate, LLM spend will exceed the daily budget",
          description: `The last 24 hours' LLM spend, scaled by how the last ${a.projectedSpendWindow} compares with the same ${a.projectedSpendWindow} a day before, comes to $\{{ $value | printf "%.2f" }}; the daily budget is $${budget}.`,
          runbook_url: runbookUrl(config, BUDGET_ALERTS.projectedOverBudget),
        },
      },
      spendRunaway(config),
      ...twinAlerts(
        {
          alert: BUDGET_ALERTS.emitterBudget,
          for: a.emitterBudgetFor,
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

/**
 * A service spending several times its usual rate (a retry loop, a runaway agent, prompts that ballooned),
 * long before the daily budget notices. Usual is the higher of the hour before the window and the same
 * hour yesterday, so a daily peak or a short burst is not a runaway; a service too cheap to matter (its
 * rate, over a day, under `alerts.spendRunawayMinBudgetPercent` of the budget) does not alert.
 */
function spendRunaway(config: StackConfig): AlertingRule {
  const a = config.alerts;
  const windowSeconds = durationSeconds(a.spendRunawayWindow);
  // totalOver with an offset: the spend in `window`, `offset` ago.
  const perSecond = (window: string, seconds: number, offset: string) =>
    `sum by (job) (sum_over_time(${SERVICE_SERIES.cost}[${window}]${offset ? ` offset ${offset}` : ""})) / ${seconds}`;
  const recent = perSecond(a.spendRunawayWindow, windowSeconds, "");
  // The hour before counts only once the service was spending at its start (not in its first hour).
  const hourBefore = `${perSecond("1h", 3600, a.spendRunawayWindow)} and on (job) group by (job) (${SERVICE_SERIES.cost} offset ${formatDuration(3600 + windowSeconds)})`;
  const usual =
    `max by (job) (label_replace(${hourBefore}, "usual", "hour before", "", "") ` +
    `or label_replace(${perSecond("1h", 3600, "1d")}, "usual", "yesterday", "", ""))`;
  const minimum = (config.thresholds.dailyBudgetUsd * a.spendRunawayMinBudgetPercent) / 100 / 86400;
  return {
    alert: BUDGET_ALERTS.spendRunaway,
    expr: `${recent} / (${usual} > 0) > ${a.spendRunawayFactor} and on (job) ${recent} >= ${Number(minimum.toPrecision(6))}`,
    for: a.spendRunawayFor,
    labels: { severity: "warning" },
    annotations: {
      summary: "{{ $labels.job }} is spending several times its usual rate on LLM calls",
      description:
        `{{ $labels.job }} has spent {{ $value | printf "%.1f" }} times its usual rate over the last ${a.spendRunawayWindow}, for ${a.spendRunawayFor} ` +
        `(alerts above ${a.spendRunawayFactor} times the higher of the hour before and the same hour yesterday, once the rate comes to ${a.spendRunawayMinBudgetPercent}% of the daily budget a day).`,
      runbook_url: runbookUrl(config, BUDGET_ALERTS.spendRunaway),
    },
  };
}
