import { CONFIG_NAMESPACE, type StackConfig } from "./schema.ts";
import type { ConfigProblem } from "./problems.ts";
import type { StackFacts } from "./stackFacts.ts";

/**
 * The demo is scraped as a job of its own beside the stack's: Prometheus refuses two jobs of one name. A
 * clash with one of the `llmService` jobs is reported on that job (jobNameProblems); here, a clash with the
 * stack's own jobs (one per component, and Jaeger's span metrics).
 */
export function demoProblems(config: StackConfig, facts: Pick<StackFacts, "scrapeJobNames">): ConfigProblem[] {
  if (!config.demo.enabled) return [];
  const { jobName } = config.demo;
  const others = facts.scrapeJobNames(config).slice(config.llmService.length);
  if (others.filter((name) => name === jobName).length < 2) return [];
  return [
    {
      key: `${CONFIG_NAMESPACE}:demo.jobName`,
      value: jobName,
      message:
        `${JSON.stringify(jobName)} is not allowed; the stack already scrapes a job of that name, and Prometheus refuses two jobs of one name. ` +
        `Its own jobs are ${[...new Set(others)].filter((name) => name !== jobName).join(", ")}; name the demo's job anything else (the default is llm-demo)`,
      dependsOn: [`${CONFIG_NAMESPACE}:demo.enabled`],
    },
  ];
}
