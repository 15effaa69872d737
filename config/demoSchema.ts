import { z } from "zod";
import { decimal, formatted } from "./fields.ts";
import { prometheusJobName } from "./formats.ts";
import { describeKeys } from "./keyDocs.ts";
import { DEMO_AGENT_PATTERN, DEMO_DEFAULTS, DEMO_MODEL_PATTERN, MAX_DEMO_CALLS_PER_SECOND } from "./demoDefaults.ts";

const agent = formatted({
  test: (v) => DEMO_AGENT_PATTERN.test(v),
  allowed: "an agent_id such as meetmind.coordinator: 1 to 128 letters, digits, '_', '.', ':', '/', '-'",
});
const model = formatted({
  test: (v) => DEMO_MODEL_PATTERN.test(v),
  allowed: "provider/model as LiteLLM names them, such as openai/gpt-4o-mini",
});
const list = <T extends z.ZodType>(item: T, what: string) =>
  z.array(item, { error: `expected a list of ${what}` }).min(1, { error: `at least one ${what.replace(/s$/, "")}` });

/**
 * The demo LLM service as a component of the stack: off unless asked for. On, it runs beside the stack
 * (a container, or a Deployment), scraped by its Prometheus as one more LLM service and sending its spans
 * and OTLP metrics to its Jaeger and Prometheus.
 */
export const demoSection = z
  .strictObject({
    enabled: z.boolean({ error: "true or false" }).default(false),
    callsPerSecond: decimal(
      z
        .number({ error: `expected a number: calls per second, above 0 and at most ${MAX_DEMO_CALLS_PER_SECOND}` })
        .gt(0, { error: `calls per second, above 0 and at most ${MAX_DEMO_CALLS_PER_SECOND}` })
        .max(MAX_DEMO_CALLS_PER_SECOND, { error: `calls per second, above 0 and at most ${MAX_DEMO_CALLS_PER_SECOND}` }),
    ).default(DEMO_DEFAULTS.callsPerSecond),
    agents: list(agent, "agent_ids").default([...DEMO_DEFAULTS.agents]),
    models: list(model, "provider/model names").default([...DEMO_DEFAULTS.models]),
    jobName: formatted(prometheusJobName).default(DEMO_DEFAULTS.jobName),
  })
  .prefault({});
describeKeys(demoSection.unwrap(), {
  enabled:
    "`true` runs the demo LLM service in the stack (a container on Docker, a Deployment on Kubernetes): simulated LLM calls that fill every panel, with traces one click away",
  callsPerSecond: `the demo's LLM calls per second in all, above 0 and at most ${MAX_DEMO_CALLS_PER_SECOND}`,
  agents: "the agents (`agent_id`) that make the demo's calls",
  models: "the models every agent calls, `provider/model` (`openai/gpt-4o-mini`)",
  jobName:
    "the demo's Prometheus job, shown in the dashboards' Service variable beside your `llmService` jobs, and the `service.name` of its spans; not one of the stack's other jobs",
});
