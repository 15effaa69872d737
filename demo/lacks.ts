import type { Signal } from "../metrics/catalog/signals.ts";

/**
 * What the demo does not emit, and why: the panels that read it stay empty for the demo (never 0), as they
 * do for any emitter that lacks it.
 */
export const DEMO_LACKS: Partial<Record<Signal, string>> = {
  budget: "the demo keeps no budgets (a LiteLLM proxy does)",
};
