/**
 * The LLM world every conformance test drives: two models behind a fake OpenAI-compatible endpoint, each
 * with its own time to first token, decode speed, token counts and price, and a fixed plan of calls
 * (streamed and not, by two agents, a few failing). The emitters under test report on these calls; the
 * tests compare what the dashboards show with what was really done.
 */
export interface ModelProfile {
  model: string;
  provider: string;
  ttftSeconds: number;
  /** Output tokens per second while streaming. */
  tokensPerSecond: number;
  promptTokens: number;
  completionTokens: number;
  /** US dollars per 1,000 tokens, as OpenLIT's and LiteLLM's price tables write prices. */
  promptUsdPer1k: number;
  completionUsdPer1k: number;
}

export interface PlannedCall {
  index: number;
  model: string;
  stream: boolean;
  /** The agent (or API key) making the call, where the emitter has one. */
  agent: string;
  /** The HTTP status the endpoint fails this call with, if it fails. */
  failWith?: 429 | 500;
}

export const MODELS: readonly ModelProfile[] = [
  { model: "gpt-4o", provider: "openai", ttftSeconds: 0.2, tokensPerSecond: 50, promptTokens: 42, completionTokens: 10, promptUsdPer1k: 0.0025, completionUsdPer1k: 0.01 },
  { model: "gpt-4o-mini", provider: "openai", ttftSeconds: 0.08, tokensPerSecond: 100, promptTokens: 30, completionTokens: 8, promptUsdPer1k: 0.00015, completionUsdPer1k: 0.0006 },
];

/** Two agents of one team: `team.agent`, as the default team pattern reads agent_id. */
export const AGENTS = ["support.triage", "support.reply"] as const;

/** Calls from this index on ask the questions of the first ones again (a response cache answers them). */
export const REPEATS_AFTER = 30;

/** The question a call asks. */
export function questionOf(index: number): string {
  return `question ${index % REPEATS_AFTER}`;
}

/** How a failed call asks the fake endpoint to fail: the request's `user` field. */
export function failureMarker(status: number): string {
  return `fail:${status}`;
}

/**
 * 40 calls: every third one not streamed, one in ten failing (rate limit or server error), alternating
 * models and agents; the last ten ask the first ten's questions again.
 */
export function plannedCalls(count = 40): PlannedCall[] {
  return Array.from({ length: count }, (_, index) => ({
    index,
    model: MODELS[index % MODELS.length]!.model,
    stream: index % 3 !== 0,
    agent: AGENTS[Math.floor(index / 2) % AGENTS.length]!,
    ...(index % 10 === 7 ? { failWith: index % 20 === 7 ? (429 as const) : (500 as const) } : {}),
  }));
}

export function profileOf(model: string): ModelProfile {
  const profile = MODELS.find((candidate) => candidate.model === model);
  if (!profile) throw new Error(`no model ${model} in the world`);
  return profile;
}

export function costUsd(profile: ModelProfile, promptTokens: number, completionTokens: number): number {
  return (promptTokens / 1000) * profile.promptUsdPer1k + (completionTokens / 1000) * profile.completionUsdPer1k;
}

/** The world as JSON, for the emitters written in Python. */
export function worldJson(calls: PlannedCall[]): string {
  return JSON.stringify({ models: MODELS, calls: calls.map((call) => ({ ...call, question: questionOf(call.index) })) });
}
