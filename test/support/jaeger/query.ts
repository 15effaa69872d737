/** A trace as Jaeger's query API (/api/traces/<id>) returns it, as far as the tests read it. */
export interface QueriedTrace {
  traceID: string;
  spans: { spanID: string; operationName: string; processID: string }[];
  processes: Record<string, { serviceName: string }>;
}

/** Trace ids compare without leading zeros (Jaeger's v1 Thrift ids are two 64-bit halves). */
export function sameTraceId(a: string, b: string): boolean {
  return a.toLowerCase().replace(/^0+/, "") === b.toLowerCase().replace(/^0+/, "");
}

/** A trace from the query API on Jaeger's UI port, or undefined while Jaeger does not have it. */
export async function queryTrace(uiUrl: string, traceId: string): Promise<QueriedTrace | undefined> {
  const response = await fetch(`${uiUrl}/api/traces/${traceId}`);
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`GET /api/traces/${traceId}: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { data?: QueriedTrace[] };
  return body.data?.find((trace) => sameTraceId(trace.traceID, traceId));
}
