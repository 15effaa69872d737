import { CONFIG_NAMESPACE, type StackConfig } from "./schema.ts";
import type { ConfigProblem } from "./problems.ts";
import { durationSeconds, formatDuration } from "./durations.ts";
import type { StackFacts } from "./stackFacts.ts";

/** The LLM services' job names, in the order of the list; then the demo's, when the stack runs it. */
export function llmServiceJobs(config: Pick<StackConfig, "llmService" | "demo">): string[] {
  return [...config.llmService.map((job) => job.jobName), ...(config.demo.enabled ? [config.demo.jobName] : [])];
}

/**
 * Prometheus refuses to start on two scrape jobs of one name. The LLM services' jobs come first in the
 * rendered prometheus.yml; the stack's own jobs are whatever it holds after them, so a job the stack adds
 * is covered too. Two LLM services may not share a job either: their series would be one service's.
 */
export function jobNameProblems(config: StackConfig, facts: Pick<StackFacts, "scrapeJobNames">): ConfigProblem[] {
  const builtIn = facts.scrapeJobNames(config).slice(config.llmService.length);
  return config.llmService.flatMap(({ jobName }, i): ConfigProblem[] => {
    const key = `${CONFIG_NAMESPACE}:llmService[${i}].jobName`;
    const earlier = config.llmService.findIndex((job) => job.jobName === jobName);
    if (earlier < i) {
      return [
        {
          key,
          value: jobName,
          message:
            `${JSON.stringify(jobName)} is not allowed; it is already llmService[${earlier}].jobName, and each service needs a job of its own ` +
            "(Prometheus refuses two jobs of one name, and the alerts and dashboards tell services apart by job): give each entry its own jobName",
        },
      ];
    }
    if (!builtIn.includes(jobName)) return [];
    return [
      {
        key,
        value: jobName,
        message:
          `${JSON.stringify(jobName)} is not allowed; the stack already scrapes a job of that name, and Prometheus refuses two jobs of one name. ` +
          `Its own jobs are ${[...new Set(builtIn)].join(", ")}; name your service's job anything else (the default is llm-service)`,
        dependsOn: [`${CONFIG_NAMESPACE}:target`],
      },
    ];
  });
}

/** Kubernetes service discovery needs a cluster; on Docker there is none, and a job needs addresses. */
export function discoveryProblems(config: StackConfig): ConfigProblem[] {
  return config.llmService.flatMap((job, i): ConfigProblem[] => {
    if (!job.discovery) return [];
    const key = `${CONFIG_NAMESPACE}:llmService[${i}].discovery`;
    if (config.target !== "kubernetes") {
      return [
        {
          key,
          value: job.discovery,
          message: "discovery is not allowed on Docker; it finds pods in a Kubernetes cluster: list the service's addresses in targets instead",
          dependsOn: [`${CONFIG_NAMESPACE}:target`],
        },
      ];
    }
    if (job.targets.length > 0) {
      return [
        {
          key,
          value: job.discovery,
          message: `discovery is not allowed together with targets (${job.targets.join(", ")}); a job either lists its addresses or finds its pods: keep one`,
          dependsOn: [`${CONFIG_NAMESPACE}:llmService[${i}].targets`],
        },
      ];
    }
    return [];
  });
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
