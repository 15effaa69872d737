/** An HTTP answer, or why there was none (connection refused, timeout). */
export type HttpResult = { status: number; body: unknown; text: string } | { error: string };

export interface HttpOptions {
  method?: "GET" | "POST";
  /** Basic auth. */
  auth?: { user: string; password: string };
  body?: unknown;
  timeoutMs?: number;
}

/** One request that never throws: verify turns every outcome into a line with advice. */
export async function http(url: string, options: HttpOptions = {}): Promise<HttpResult> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (options.auth) headers["Authorization"] = `Basic ${Buffer.from(`${options.auth.user}:${options.auth.password}`).toString("base64")}`;
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  try {
    const response = await fetch(url, {
      method: options.method ?? "GET",
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
    });
    const text = await response.text();
    let body: unknown = undefined;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    return { status: response.status, body, text };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { error: cause?.code ?? cause?.message ?? (error as Error).message };
  }
}

export function failed(result: HttpResult): result is { error: string } {
  return "error" in result;
}

/** A short description of an unexpected answer, for a check's detail. */
export function describe(result: HttpResult): string {
  if (failed(result)) return `no answer (${result.error})`;
  const message = (result.body as { message?: unknown; error?: unknown } | undefined)?.message ?? (result.body as { error?: unknown } | undefined)?.error;
  return `HTTP ${result.status}${typeof message === "string" ? `: ${message}` : result.text ? `: ${result.text.slice(0, 200)}` : ""}`;
}

/** Polls until `attempt` returns a value or the deadline passes; then returns the last value. */
export async function settle<T>(attempt: () => Promise<{ done: boolean; value: T }>, deadline: number, intervalMs = 1000): Promise<T> {
  for (;;) {
    const { done, value } = await attempt();
    if (done || Date.now() + intervalMs > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
