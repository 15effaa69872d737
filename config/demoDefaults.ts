/**
 * What the demo LLM service does unless told otherwise, written once: the `demo` section of the stack
 * config (config/demoSchema.ts) and `npm run demo`'s options (demo/settings.ts) both start from these.
 * No zod here: the demo's container bundle imports this file.
 */
export const DEMO_DEFAULTS = {
  /** LLM calls per second, spread evenly over every agent and model. */
  callsPerSecond: 5,
  /** The agents (agent_id) that make the calls. */
  agents: ["meetmind.coordinator", "meetmind.summarizer", "agent.svea.pm"],
  /** The models every agent calls, `provider/model` as LiteLLM names them. */
  models: ["openai/gpt-4o-mini", "anthropic/claude-haiku-4-5"],
  /** The Prometheus job of the demo in the stack, and the service.name of its spans and pushed metrics. */
  jobName: "llm-demo",
} as const;

export const MAX_DEMO_CALLS_PER_SECOND = 500;

/** `provider/model`, as LiteLLM names them: "openai/gpt-4o-mini". */
export const DEMO_MODEL_PATTERN = /^([a-z0-9_.-]+)\/([A-Za-z0-9_.:-]+)$/;

/** An agent_id: a label value with no commas or spaces, since the demo takes its agents as one comma-separated list. */
export const DEMO_AGENT_PATTERN = /^[A-Za-z0-9_.:/-]{1,128}$/;
