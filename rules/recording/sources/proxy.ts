import type { RecordingRule } from "../../model.ts";
import { nameOf, type MetricId } from "../../../metrics/catalog/metrics.ts";
import { CANONICAL_LABELS, SERIES } from "../../../metrics/canonical.ts";
import { increments, type IncrementsTiming } from "../increments.ts";
import { setLabel, sumBy } from "../../../metrics/promql.ts";
import { agentIncrease, counterIncrease, errorsOrZero, sourceContext, sourceRules, type SourceExprs } from "./source.ts";

const name = (id: MetricId<"proxy">) => nameOf("proxy", id);

/** The proxy's LLM calls: `llm_requests_total` without seed 004's agent_id (the two vocabularies share the name). */
const NO_AGENT = 'agent_id=""';

/**
 * Seed 003's LLM proxy: its calls (every status), its failed calls (status other than success), its tokens
 * and its response cache; its labels are the canonical ones already (it names no agent). The rest of its
 * metrics (HTTP, context service, provider health) are service metrics the LLM Proxy dashboard reads as
 * they are.
 *
 * A service that also emits another vocabulary for the same signal (seed 004's metrics beside the seed's,
 * say) is read once: these rules run after every other vocabulary's in the same evaluation, and a service
 * whose calls, tokens or cache another vocabulary recorded just now keeps those.
 */
export function proxyRules(timing: IncrementsTiming): RecordingRule[] {
  const ctx = sourceContext("proxy", timing, (expr) => expr);
  const calls = counterIncrease(ctx, `${name("requests")}{${NO_AGENT}}`);
  const tokens = (type: string, direction: string) => setLabel(increments(`${name("tokens")}{token_type="${type}"}`, timing), "direction", direction);
  const exprs: SourceExprs = {
    requests: calls,
    errors: errorsOrZero(counterIncrease(ctx, `${name("requests")}{${NO_AGENT}, status!="success"}`), calls),
    tokens: sumBy([...CANONICAL_LABELS, "direction"], `${tokens("prompt", "input")} or ${tokens("completion", "output")}`),
    cacheHits: agentIncrease(ctx, name("cacheHits")),
    cacheMisses: agentIncrease(ctx, name("cacheMisses")),
  };
  const readOnce = Object.fromEntries(
    Object.entries(exprs).map(([key, expr]) => [key, `(${expr}) unless on (job) ${SERIES[key as keyof typeof SERIES]}{vocabulary!="proxy"}`]),
  ) as SourceExprs;
  return sourceRules(ctx, readOnce);
}
