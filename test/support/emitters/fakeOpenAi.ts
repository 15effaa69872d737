import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { MODELS, type ModelProfile } from "./world.ts";

/** One chat completion the endpoint answered, as it answered it. */
export interface ServedCall {
  model: string;
  stream: boolean;
  status: number;
  promptTokens: number;
  completionTokens: number;
}

export interface FakeOpenAi {
  /** http://127.0.0.1:<port>/v1, the base URL an OpenAI client is given. */
  baseUrl: string;
  served: ServedCall[];
  close(): Promise<void>;
}

const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

function chunk(id: string, model: string, delta: Record<string, unknown>, finish: string | null, usage?: Record<string, number>): string {
  return `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created: Math.floor(Date.now() / 1000), model, choices: [{ index: 0, delta, finish_reason: finish }], ...(usage ? { usage } : {}) })}\n\n`;
}

async function answer(request: IncomingMessage, response: ServerResponse, profiles: readonly ModelProfile[], served: ServedCall[]): Promise<void> {
  let body = "";
  for await (const part of request) body += part;
  const call = JSON.parse(body) as { model: string; stream?: boolean; stream_options?: { include_usage?: boolean }; user?: string };
  const profile = profiles.find((candidate) => candidate.model === call.model);
  const failWith = /^fail:(\d+)$/.exec(call.user ?? "")?.[1];
  if (!profile || failWith) {
    const status = failWith ? Number(failWith) : 404;
    await sleep(0.05);
    const type = status === 429 ? "rate_limit_exceeded" : status === 404 ? "model_not_found" : "server_error";
    response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: `fake ${type}`, type, code: type } }));
    served.push({ model: call.model, stream: call.stream === true, status, promptTokens: 0, completionTokens: 0 });
    return;
  }
  const id = `chatcmpl-${served.length}`;
  const usage = { prompt_tokens: profile.promptTokens, completion_tokens: profile.completionTokens, total_tokens: profile.promptTokens + profile.completionTokens };
  served.push({ model: profile.model, stream: call.stream === true, status: 200, promptTokens: profile.promptTokens, completionTokens: profile.completionTokens });
  if (call.stream) {
    // Headers go out at once, as a real endpoint's do; the first token comes after the model's TTFT.
    response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    response.flushHeaders();
    await sleep(profile.ttftSeconds);
    for (let token = 0; token < profile.completionTokens; token++) {
      if (token > 0) await sleep(1 / profile.tokensPerSecond);
      response.write(chunk(id, profile.model, token === 0 ? { role: "assistant", content: "tok " } : { content: "tok " }, null));
    }
    response.write(chunk(id, profile.model, {}, "stop", call.stream_options?.include_usage ? usage : undefined));
    response.end("data: [DONE]\n\n");
    return;
  }
  await sleep(profile.ttftSeconds + (profile.completionTokens - 1) / profile.tokensPerSecond);
  const content = "tok ".repeat(profile.completionTokens).trim();
  response.writeHead(200, { "content-type": "application/json" }).end(
    JSON.stringify({
      id,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: profile.model,
      choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
      usage,
    }),
  );
}

/**
 * A small OpenAI-compatible endpoint on 127.0.0.1: POST /v1/chat/completions, streamed (server-sent
 * events, usage in the last chunk when asked for) and not, each model answering with its profile's time to
 * first token, speed and token counts; a call whose `user` is "fail:<status>" fails with that status.
 */
export function startFakeOpenAi(profiles: readonly ModelProfile[] = MODELS): Promise<FakeOpenAi> {
  const served: ServedCall[] = [];
  const server: Server = createServer((request, response) => {
    if (request.method !== "POST" || !request.url?.endsWith("/chat/completions")) {
      response.writeHead(404).end();
      return;
    }
    answer(request, response, profiles, served).catch((error: unknown) => response.writeHead(500).end(String(error)));
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      resolve({
        baseUrl: `http://127.0.0.1:${port}/v1`,
        served,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
