import { CONFIG_NAMESPACE, type StackConfig } from "./schema.ts";
import type { ConfigProblem } from "./problems.ts";
import { durationSeconds, formatDuration } from "./durations.ts";
import type { StackFacts } from "./stackFacts.ts";

/**
 * Prometheus refuses to start on two scrape jobs of one name. The stack's own jobs are whatever the
 * rendered prometheus.yml holds besides the LLM service's, so a job the stack adds is covered too.
 */
export function jobNameProblems(config: StackConfig, facts: Pick<StackFacts, "scrapeJobNames">): ConfigProblem[] {
  const { jobName } = config.llmService;
  const names = facts.scrapeJobNames(config);
  const builtIn = names.filter((name, i) => name !== jobName || i !== names.indexOf(jobName));
  if (!builtIn.includes(jobName)) return [];
  return [
    {
      key: `${CONFIG_NAMESPACE}:llmService.jobName`,
      value: jobName,
      message:
        `${JSON.stringify(jobName)} is not allowed; the stack already scrapes a job of that name, and Prometheus refuses two jobs of one name. ` +
        `Its own jobs are ${[...new Set(builtIn)].join(", ")}; name your service's job anything else (the default is llm-service)`,
      dependsOn: [`${CONFIG_NAMESPACE}:target`],
    },
  ];
}

/** How a scrape interval compares with the rules' shortest rate window. */
export function scrapesPerRateWindow(
  config: StackConfig,
  facts: Pick<StackFacts, "shortestRuleRateWindow">,
): { window: string; scrapes: number } | undefined {
  const shortest = facts.shortestRuleRateWindow(config);
  if (!shortest) return undefined;
  return { window: shortest.window, scrapes: shortest.seconds / durationSeconds(config.prometheus.scrapeInterval) };
}

/**
 * A rate needs two samples in its window. Scraped less often than every half window, a window holds one
 * sample at times, and every rate, the dashboards and the alerts on it come back empty: refused. (Fewer
 * than four scrapes per window is allowed but warned about; see warnings.ts.)
 */
export function scrapeIntervalProblems(config: StackConfig, facts: Pick<StackFacts, "shortestRuleRateWindow">): ConfigProblem[] {
  const fit = scrapesPerRateWindow(config, facts);
  if (!fit || fit.scrapes >= 2) return [];
  const half = formatDuration(durationSeconds(fit.window) / 2);
  const { scrapeInterval } = config.prometheus;
  return [
    {
      key: `${CONFIG_NAMESPACE}:prometheus.scrapeInterval`,
      value: scrapeInterval,
      message:
        `${JSON.stringify(scrapeInterval)} is not allowed; the recording rules take rates over ${fit.window}, and a rate needs two samples in its window: ` +
        `scraped every ${scrapeInterval}, a ${fit.window} window holds fewer than two, so the rates, the dashboards and the LLM alerts would come back empty. ` +
        `Scrape at least every ${half} (every ${formatDuration(durationSeconds(fit.window) / 4)} or more often survives a failed scrape)`,
    },
  ];
}
