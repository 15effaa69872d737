import type { StackConfig } from "../../../config/schema.ts";
import type { RuleFileTests } from "./model.ts";
import { stackHealthTests } from "./stackHealth.ts";
import { llmAlertTests } from "./llmAlerts.ts";
import { sloAlertTests } from "./slo.ts";
import { budgetAlertTests } from "./budget.ts";
import { proxyAlertTests } from "./proxyAlerts.ts";

/** Every rule file's promtool scenarios. */
export function alertTests(config: StackConfig): RuleFileTests[] {
  return [llmAlertTests(config), budgetAlertTests(config), sloAlertTests(config), stackHealthTests(config), proxyAlertTests(config)];
}
