import type { Signal } from "../metrics/catalog/signals.ts";

/**
 * What the demo does not emit, and why: the panels that read it stay empty for the demo (never 0), as they
 * do for any emitter that lacks it.
 */
export const DEMO_LACKS: Partial<Record<Signal, string>> = {
  budget: "the demo keeps no budgets (a LiteLLM proxy does)",
};

/** The dashboards the demo does not feed, and why: the end-to-end test holds the others to data in every panel. */
export const DASHBOARDS_THE_DEMO_DOES_NOT_FEED: Readonly<Record<string, string>> = {
  "llm-proxy.json": "the demo emits none of seed 003's proxy metrics (its own integration test feeds the LLM Proxy dashboard)",
};
