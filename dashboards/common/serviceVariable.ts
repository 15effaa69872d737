import type { QueryVariableBuilder } from "@grafana/grafana-foundation-sdk/dashboard";
import type { StackConfig } from "../../config/schema.ts";
import { llmServiceJobs } from "../../config/scrapeChecks.ts";
import { oneOf } from "../../metrics/promql.ts";
import { labelVariable } from "./variables.ts";

/** The matcher a dashboard's queries take the service variable with. */
export const JOB_VARIABLE = 'job=~"$job"';

/**
 * The service (job) variable of the LLM dashboards: the jobs `llmService` lists that Prometheus scrapes,
 * several at once or All. Every query that uses it keeps `job` in its grouping, so two services never
 * share a line.
 */
export function serviceVariable(config: StackConfig): QueryVariableBuilder {
  return labelVariable("job", "Service", "up", oneOf("job", llmServiceJobs(config)));
}
