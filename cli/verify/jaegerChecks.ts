import { randomBytes } from "node:crypto";
import type { Check } from "../preflight/checks.ts";
import { describe, failed, http, settle } from "./http.ts";

/** The service name verify's own spans carry, so they are easy to tell from an application's. */
export const VERIFY_SERVICE = "llmobs-verify";

/** One span in OTLP/JSON, as an instrumented service would send it. */
function otlpSpan(traceId: string, spanId: string): unknown {
  const now = BigInt(Date.now()) * 1_000_000n;
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: "service.name", value: { stringValue: VERIFY_SERVICE } }] },
        scopeSpans: [
          {
            scope: { name: VERIFY_SERVICE },
            spans: [{ traceId, spanId, name: "npm run verify", kind: 1, startTimeUnixNano: String(now - 1_000_000n), endTimeUnixNano: String(now) }],
          },
        ],
      },
    ],
  };
}

/** Jaeger end to end: a span sent to the OTLP HTTP port comes back from the query API. */
export async function jaegerChecks(urls: { otlpHttp: string; query: string }, unreachableFix: string, deadline: number): Promise<Check[]> {
  const traceId = randomBytes(16).toString("hex");
  const started = Date.now();
  const sent = await settle(async () => {
    const result = await http(`${urls.otlpHttp}/v1/traces`, { method: "POST", body: otlpSpan(traceId, randomBytes(8).toString("hex")) });
    return { done: !failed(result) && result.status === 200, value: result };
  }, deadline);
  if (failed(sent) || sent.status !== 200) {
    return [{ name: "Jaeger OTLP", ok: false, detail: `${urls.otlpHttp}/v1/traces: ${describe(sent)}`, fix: unreachableFix }];
  }
  const found = await settle(async () => {
    const result = await http(`${urls.query}/api/traces/${traceId}`);
    const spans = failed(result) || result.status !== 200 ? 0 : ((result.body as { data?: { spans: unknown[] }[] }).data?.[0]?.spans.length ?? 0);
    return { done: spans > 0, value: { result, spans } };
  }, Math.max(deadline, Date.now() + 15_000), 500);
  if (found.spans === 0) {
    return [{ name: "Jaeger", ok: false, detail: `a span sent over OTLP HTTP did not come back from ${urls.query}/api/traces/${traceId}: ${describe(found.result)}`, fix: unreachableFix }];
  }
  return [{ name: "Jaeger", ok: true, detail: `a span sent over OTLP HTTP came back from the query API in ${((Date.now() - started) / 1000).toFixed(1)} s (service ${VERIFY_SERVICE})` }];
}
