import type OpenAI from "openai";
import { failureMarker, questionOf, type PlannedCall } from "./world.ts";

/** What one call did, measured by the client that made it: the ground truth the dashboards are held to. */
export interface CallOutcome {
  index: number;
  model: string;
  stream: boolean;
  agent: string;
  ok: boolean;
  /** The HTTP status of a failed call. */
  status?: number;
  /** Wall time of the whole call, as the caller waited for it. */
  seconds: number;
  promptTokens: number;
  completionTokens: number;
}

const CONCURRENCY = 4;

async function call(client: OpenAI, planned: PlannedCall): Promise<CallOutcome> {
  const started = performance.now();
  const base = { index: planned.index, model: planned.model, stream: planned.stream, agent: planned.agent };
  const request = {
    model: planned.model,
    messages: [{ role: "user" as const, content: questionOf(planned.index) }],
    ...(planned.failWith ? { user: failureMarker(planned.failWith) } : {}),
  };
  try {
    if (planned.stream) {
      const stream = await client.chat.completions.create({ ...request, stream: true, stream_options: { include_usage: true } });
      let usage: OpenAI.CompletionUsage | undefined;
      for await (const chunk of stream) usage = chunk.usage ?? usage;
      return { ...base, ok: true, seconds: (performance.now() - started) / 1000, promptTokens: usage?.prompt_tokens ?? 0, completionTokens: usage?.completion_tokens ?? 0 };
    }
    const completion = await client.chat.completions.create(request);
    return {
      ...base,
      ok: true,
      seconds: (performance.now() - started) / 1000,
      promptTokens: completion.usage?.prompt_tokens ?? 0,
      completionTokens: completion.usage?.completion_tokens ?? 0,
    };
  } catch (error) {
    const status = (error as { status?: number }).status;
    return { ...base, ok: false, ...(status ? { status } : {}), seconds: (performance.now() - started) / 1000, promptTokens: 0, completionTokens: 0 };
  }
}

/** Makes the planned calls, four at a time, each through the client `clientFor` gives it (one per API key, say). */
export async function runCalls(clientFor: OpenAI | ((call: PlannedCall) => OpenAI), calls: PlannedCall[]): Promise<CallOutcome[]> {
  const pick = typeof clientFor === "function" ? clientFor : () => clientFor;
  const outcomes: CallOutcome[] = [];
  const queue = [...calls];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) outcomes.push(await call(pick(next), next));
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return outcomes.sort((a, b) => a.index - b.index);
}
