import type { StackConfig } from "../../../config/schema.ts";
import type { RuleFileTests } from "./model.ts";
import { stackHealthTests } from "./stackHealth.ts";
import { llmAlertTests } from "./llmAlerts.ts";
import { sloAlertTests } from "./slo.ts";

/** Every rule file's promtool scenarios. */
export function alertTests(config: StackConfig): RuleFileTests[] {
  return [llmAlertTests(config), sloAlertTests(config), stackHealthTests(config)];
}
