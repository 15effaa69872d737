import type { StackConfig } from "../../../config/schema.ts";
import { nameOf } from "../../../metrics/catalog/metrics.ts";
import { runbookUrl } from "../../../rules/runbook.ts";
import type { AlertScenario, ExpectedAlert, RuleFileTests, Series } from "./model.ts";
import { counter } from "./series.ts";

/**
 * Scenarios for rules/budget.ts with the default budget ($100 a day, warning from 80%). They replay up to
 * a day, so the rules are evaluated every 5 minutes here: the recorded increases add up to the counters'
 * own increase whatever the interval.
 */
export const BUDGET_EVALUATION_INTERVAL = "5m";

const SERVICE = { job: "api", instance: "api:8000" };
const USAGE = { ...SERVICE, agent_id: "meetmind.coordinator", model: "gpt-4o", provider: "openai" };

function spend(...segments: [minutes: number, usdPerSecond: number][]): Series[] {
  return [counter(nameOf("usage", "cost"), USAGE, segments.map(([minutes, perSecond]) => ({ minutes, perSecond })))];
}

/** A LiteLLM team's budget of $10, of which `left` dollars are left in each segment. */
function teamBudget(...segments: [minutes: number, left: number][]): Series[] {
  const team = { ...SERVICE, team: "team-1", team_alias: "support" };
  return [
    { series: `${nameOf("litellm", "teamBudget")}{${labels(team)}}`, values: `10x${segments.reduce((sum, [minutes]) => sum + minutes, 0) - 1}` },
    { series: `${nameOf("litellm", "teamBudgetRemaining")}{${labels(team)}}`, values: segments.map(([minutes, left]) => `${left}x${minutes - 1}`).join(" ") },
  ];
}

function labels(set: Record<string, string>): string {
  return Object.entries(set)
    .map(([key, value]) => `${key}="${value}"`)
    .join(",");
}

export function budgetAlertTests(config: StackConfig): RuleFileTests {
  const runbook = (alert: string) => runbookUrl(config, alert);
  const overspend = (severity: string, value: string): ExpectedAlert => ({
    labels: { severity },
    annotations: {
      summary: "LLM spend is approaching or over the daily budget",
      description: `$${value} has been spent on LLM calls in the last 24 hours; the daily budget is $100 (warning from 80%, critical over 100%).`,
      runbook_url: runbook("LLMDailySpendHigh"),
    },
  });
  const budgetLeft = (severity: string, value: string): ExpectedAlert => ({
    labels: { severity, job: "api", budget: "team support" },
    annotations: {
      summary: "api: the team support budget is nearly or fully spent",
      description: `${value} of api's team support budget is left (warning from 80% spent, critical when all of it is).`,
      runbook_url: runbook("LLMBudgetNearlySpent"),
    },
  });

  const scenarios: AlertScenario[] = [
    // Seed 004: daily spend above 80% (warning) and 100% (critical) of the $100 budget. The spend is the
    // counter's own increase: r $/s for T minutes since it started is exactly r * 60 * T.
    { alert: "LLMDailySpendHigh", severities: ["warning"], kind: "fires", name: "$0.03/s: $90.00 after 50 minutes", series: spend([70, 0.03]), at: "50m", alerts: [overspend("warning", "90.00")] },
    { alert: "LLMDailySpendHigh", severities: ["warning", "critical"], kind: "silent", name: "$79.20 spent, just under 80%", series: spend([70, 0.024]), at: "55m" },
    { alert: "LLMDailySpendHigh", severities: ["critical"], kind: "fires", name: "$0.05/s: $135.00 after 45 minutes", series: spend([60, 0.05]), at: "45m", alerts: [overspend("warning", "135.00"), overspend("critical", "135.00")] },
    { alert: "LLMDailySpendHigh", severities: ["critical"], kind: "silent", name: "$99.00 spent: over 80%, under the budget", series: spend([70, 0.03]), at: "55m", alerts: [overspend("warning", "99.00")] },
    {
      alert: "LLMDailySpendHigh",
      severities: ["warning", "critical"],
      kind: "resolves",
      name: "$124.20 spent in the first 70 minutes, none since: 24 hours later it has left the window",
      series: spend([70, 0.03], [1450, 0]),
      at: "1510m",
    },

    // Seed 004: the last 24 hours' spend, scaled by how the last hour compares with the same hour yesterday,
    // above the budget. $0.001/s is $3.60 an hour; a day of it $86.40.
    {
      alert: "LLMSpendProjectedOverBudget",
      severities: ["warning"],
      kind: "fires",
      name: "a day at $0.001/s, then an hour at twice that (from its 1499th minute): $90.06 spent, projected to $180.12",
      series: spend([1500, 0.001], [70, 0.002]),
      at: "1560m",
      alerts: [
        {
          labels: { severity: "warning" },
          annotations: {
            summary: "At the current rate, LLM spend will exceed the daily budget",
            description: "The last 24 hours' LLM spend, scaled by how the last 1h compares with the same 1h a day before, comes to $180.12; the daily budget is $100.",
            runbook_url: runbook("LLMSpendProjectedOverBudget"),
          },
        },
      ],
    },
    { alert: "LLMSpendProjectedOverBudget", severities: ["warning"], kind: "silent", name: "a steady $0.00115/s: $99.36 a day, as yesterday", series: spend([1560, 0.00115]), at: "1550m" },
    { alert: "LLMSpendProjectedOverBudget", severities: ["warning"], kind: "silent", name: "$0.002/s on the first day: no yesterday to compare with", series: spend([80, 0.002]), at: "70m" },
    {
      alert: "LLMSpendProjectedOverBudget",
      severities: ["warning"],
      kind: "resolves",
      name: "back to yesterday's rate",
      series: spend([1500, 0.001], [60, 0.002], [80, 0.001]),
      at: "1625m",
    },

    // A runaway: more than 4 times the higher of the hour before and the same hour yesterday, over 10 minutes,
    // once the rate comes to 10% of the daily budget a day ($0.000116/s).
    {
      alert: "LLMSpendRateHigh",
      severities: ["warning"],
      kind: "fires",
      name: "from $0.001/s to ten times that: 8.7 times the hour before (which holds the first faster minute), a warning 10 minutes on",
      series: spend([90, 0.001], [30, 0.01]),
      at: "100m",
      alerts: [
        {
          labels: { severity: "warning", job: "api" },
          annotations: {
            summary: "api is spending several times its usual rate on LLM calls",
            description:
              "api has spent 8.7 times its usual rate over the last 10m, for 3m " +
              "(alerts above 4 times the higher of the hour before and the same hour yesterday, once the rate comes to 10% of the daily budget a day).",
            runbook_url: runbook("LLMSpendRateHigh"),
          },
        },
      ],
    },
    { alert: "LLMSpendRateHigh", severities: ["warning"], kind: "silent", name: "from $0.001/s to three times that: a busy hour", series: spend([90, 0.001], [30, 0.003]), at: "110m" },
    { alert: "LLMSpendRateHigh", severities: ["warning"], kind: "silent", name: "ten times a trickle: $0.0001/s is under 10% of the budget a day", series: spend([90, 0.00001], [30, 0.0001]), at: "110m" },
    { alert: "LLMSpendRateHigh", severities: ["warning"], kind: "silent", name: "$0.01/s from the start: no usual rate yet", series: spend([40, 0.01]), at: "30m" },
    { alert: "LLMSpendRateHigh", severities: ["warning"], kind: "resolves", name: "back to $0.001/s", series: spend([90, 0.001], [20, 0.01], [30, 0.001]), at: "130m" },

    // LiteLLM's own budgets: warning when 80% is spent, critical when all of it is.
    { alert: "LLMBudgetNearlySpent", severities: ["warning"], kind: "fires", name: "$1.50 of $10 left", series: teamBudget([20, 1.5]), at: "10m", alerts: [budgetLeft("warning", "15%")] },
    { alert: "LLMBudgetNearlySpent", severities: ["warning", "critical"], kind: "silent", name: "$2.50 of $10 left", series: teamBudget([20, 2.5]), at: "10m" },
    { alert: "LLMBudgetNearlySpent", severities: ["warning"], kind: "resolves", name: "the budget resets", series: teamBudget([10, 1.5], [15, 10]), at: "20m" },
    { alert: "LLMBudgetNearlySpent", severities: ["critical"], kind: "fires", name: "nothing left", series: teamBudget([20, 0]), at: "10m", alerts: [budgetLeft("warning", "0%"), budgetLeft("critical", "0%")] },
    { alert: "LLMBudgetNearlySpent", severities: ["critical"], kind: "silent", name: "$1.50 left: a warning only", series: teamBudget([20, 1.5]), at: "10m", alerts: [budgetLeft("warning", "15%")] },
    { alert: "LLMBudgetNearlySpent", severities: ["critical"], kind: "resolves", name: "$1.50 more granted: the warning remains", series: teamBudget([10, 0], [15, 1.5]), at: "20m", alerts: [budgetLeft("warning", "15%")] },
  ];
  return { ruleFile: "llm-alerts.yml", evaluationInterval: BUDGET_EVALUATION_INTERVAL, scenarios };
}
