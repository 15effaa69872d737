import type { StackConfig } from "../../stacks/config/schema.ts";
import type { RuleFileTests } from "./model.ts";
import { stackHealthTests } from "./stackHealth.ts";

/** Every rule file's promtool scenarios. */
export function alertTests(config: StackConfig): RuleFileTests[] {
  return [stackHealthTests(config)];
}
