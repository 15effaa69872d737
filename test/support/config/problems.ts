import { parseStackConfig, StackConfigError, type ConfigProblem } from "../../../config/parse.ts";

/** Every problem the validator reports for a raw config; none when it is accepted. */
export function configProblems(values: Record<string, unknown>, secrets: Record<string, string | undefined> = {}): ConfigProblem[] {
  try {
    parseStackConfig({ values, secrets });
  } catch (error) {
    if (error instanceof StackConfigError) return error.problems;
    throw error;
  }
  return [];
}
