export interface Timed {
  /** Seconds Prometheus spent executing the query (its own stats: execTotalTime). */
  seconds: number;
  /** Samples the query read. */
  samples: number;
  /** The first value returned, to compare the two dashboards' answers. */
  firstValue: number | undefined;
}

/** Runs one query with Prometheus' query statistics on. */
export async function timedQuery(
  baseUrl: string,
  expr: string,
  { instant, start, end, step }: { instant: boolean; start: number; end: number; step: number },
): Promise<Timed> {
  const params = new URLSearchParams({ query: expr, stats: "all" });
  if (instant) params.set("time", String(end));
  else Object.entries({ start, end, step }).forEach(([key, value]) => params.set(key, String(value)));
  const response = await fetch(`${baseUrl}/api/v1/${instant ? "query" : "query_range"}?${params}`);
  const body = (await response.json()) as {
    status: string;
    error?: string;
    data: {
      result: { value?: [number, string]; values?: [number, string][] }[];
      stats: { timings: { execTotalTime: number }; samples: { totalQueryableSamples: number } };
    };
  };
  if (body.status !== "success") throw new Error(`query failed: ${expr}: ${body.error}`);
  const first = body.data.result[0];
  const raw = first?.value?.[1] ?? first?.values?.at(-1)?.[1];
  return {
    seconds: body.data.stats.timings.execTotalTime,
    samples: body.data.stats.samples.totalQueryableSamples,
    firstValue: raw === undefined ? undefined : Number(raw),
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
