import type { StackConfig } from "../../config/schema.ts";
import { configWarnings } from "../../config/warnings.ts";
import type { Check } from "./checks.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";

/** The config's legal-but-surprising values, as preflight warnings: printed, never a reason to stop. */
export function configWarningChecks(config: StackConfig): Check[] {
  return configWarnings(config, STACK_FACTS).map((warning) => ({ name: `config ${warning.key}`, ok: false, warning: true, detail: warning.message }));
}
