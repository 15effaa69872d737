import { CONFIG_NAMESPACE } from "./schema.ts";

/** One bad config value: the key a user types, the value found, and what is allowed instead. */
export interface ConfigProblem {
  key: string;
  value: unknown;
  message: string;
  /** Other keys whose values this one was judged against; the problem is not reported while one of them is itself invalid. */
  dependsOn?: readonly string[];
  /**
   * The secret (its key without the namespace) the stack needs but does not set. Nothing rendered holds a
   * secret's value, so rendering may go on without it (readStackFileWithUnsetSecrets); deploying may not.
   */
  unsetSecret?: string;
}

export class StackConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(describeProblems(problems));
    this.name = "StackConfigError";
  }
}

export function describeProblems(problems: ConfigProblem[]): string {
  const lines = problems.map((p) => `  - ${p.key}: ${p.message}`);
  const noun = problems.length === 1 ? "problem" : "problems";
  return [
    `The stack config has ${problems.length} ${noun}; nothing was changed:`,
    ...lines,
    `Fix each with \`pulumi config set --path ${CONFIG_NAMESPACE}:<key> <value>\` (add --secret for secrets)`,
    "or edit stacks/Pulumi.<stack>.yaml; README.md lists every key with its default.",
  ].join("\n");
}
