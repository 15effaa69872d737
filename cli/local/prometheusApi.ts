export interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}

/** An instant query against a real Prometheus' HTTP API. */
export async function instantQuery(baseUrl: string, expr: string, time?: number): Promise<Sample[]> {
  const params = new URLSearchParams({ query: expr });
  if (time !== undefined) params.set("time", String(time));
  const response = await fetch(`${baseUrl}/api/v1/query?${params}`);
  const body = (await response.json()) as { status: string; data?: { resultType: string; result: unknown }; error?: string };
  if (body.status !== "success") throw new Error(`query failed: ${expr}: ${body.error}`);
  if (body.data?.resultType === "scalar") {
    return [{ metric: {}, value: body.data.result as [number, string] }];
  }
  return body.data?.result as Sample[];
}
