import { load } from "js-yaml";
import type { StackConfig } from "../../config/schema.ts";
import { describeStack } from "../stack.ts";

/** The job names of the prometheus.yml the stack would ship, in order. */
export function scrapeJobNames(config: StackConfig): string[] {
  const prometheus = describeStack(config).components.find((component) => component.name === "prometheus");
  const file = prometheus?.configFiles.find((f) => f.path === "prometheus.yml");
  const document = (file ? load(file.content) : {}) as { scrape_configs?: { job_name: string }[] };
  return (document.scrape_configs ?? []).map((job) => job.job_name);
}
