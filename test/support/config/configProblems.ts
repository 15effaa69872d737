import { parseStackConfig } from "../../../config/parse.ts";
import { StackConfigError, type ConfigProblem } from "../../../config/problems.ts";
import { STACK_FACTS } from "../../../components/factsForConfig.ts";

/** Every problem the validator reports for a raw config; none when it is accepted. */
export function configProblems(values: Record<string, unknown>, secrets: Record<string, string | undefined> = {}): ConfigProblem[] {
  try {
    parseStackConfig({ values, secrets }, STACK_FACTS);
  } catch (error) {
    if (error instanceof StackConfigError) return error.problems;
    throw error;
  }
  return [];
}
