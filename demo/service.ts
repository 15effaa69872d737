import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { FAULTS, FAULT_NAMES, isFaultName, type FaultName } from "../synthetic/faults.ts";
import { OTLP_METRICS_PATH } from "../components/prometheus/addresses.ts";
import type { DemoSettings } from "./settings.ts";
import { UsageMetrics } from "./usageMetrics.ts";
import { GenAiMetrics } from "./genAiMetrics.ts";
import { CallTracing } from "./tracing.ts";
import { Traffic } from "./traffic.ts";
import { Ledger } from "./ledger.ts";

/** How long stopping waits for the last spans and metrics to be accepted. */
const FLUSH_LIMIT_MILLIS = 3000;

export interface RunningDemo {
  /** http://host:port of the metrics and fault endpoints. */
  url: string;
  /** host:port for Prometheus to scrape. */
  address: string;
  faults(): FaultName[];
  setFault(name: FaultName, on: boolean): void;
  /** Every call the demo finished, for comparison with what the stack shows. */
  ledger: Ledger;
  /** Stops the calls, flushes the last spans and metrics, closes the port. */
  stop(): Promise<void>;
}

/** Ends a request with a JSON body. */
function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "Content-Type": "application/json" }).end(`${JSON.stringify(body, null, 2)}\n`);
}

/**
 * The demo LLM service: simulated LLM calls, instrumented as a real service instruments them (prom-client,
 * the OpenTelemetry metrics and trace SDKs), with faults switched on and off over HTTP:
 *   GET /metrics                 seed 004's metrics, OpenMetrics with exemplars (503 while service-down)
 *   GET /faults                  the active faults and every fault there is
 *   PUT|DELETE /faults/<name>    switches a fault on or off
 *   GET /healthz                 200 while the process runs
 */
export async function startDemo(settings: DemoSettings): Promise<RunningDemo> {
  const active = new Set<FaultName>(settings.faults);
  const usage = new UsageMetrics();
  const ledger = new Ledger();
  const cacheEntries = new Map<string, number>();
  const tenantOf = (agent: string) => agent.replace(/^agent\./, "").split(".")[0]!;

  const setFault = (name: FaultName, on: boolean) => {
    if (on) active.add(name);
    else active.delete(name);
    // A collapsed cache is an emptied one.
    if (name === "cache-collapse" && on) for (const tenant of cacheEntries.keys()) (cacheEntries.set(tenant, 0), usage.setCacheSize(tenant, 0));
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? "/", "http://demo").pathname;
    if (path === "/metrics" && request.method === "GET") {
      if (active.has("service-down")) return void response.writeHead(503).end("service down (fault service-down)\n");
      return void response.writeHead(200, { "Content-Type": usage.registry.contentType }).end(await usage.exposition());
    }
    if (path === "/healthz") return void response.writeHead(200).end("ok\n");
    if (path === "/faults" && request.method === "GET") {
      return reply(response, 200, { active: [...active], faults: Object.fromEntries(FAULT_NAMES.map((name) => [name, FAULTS[name].description])) });
    }
    const fault = /^\/faults\/([^/]+)$/.exec(path);
    if (fault) {
      const name = decodeURIComponent(fault[1]!);
      if (!isFaultName(name)) return reply(response, 404, { error: `unknown fault "${name}"; the faults are ${FAULT_NAMES.join(", ")}` });
      if (request.method !== "PUT" && request.method !== "DELETE") return reply(response, 405, { error: "PUT switches a fault on, DELETE off" });
      setFault(name, request.method === "PUT");
      return reply(response, 200, { active: [...active] });
    }
    reply(response, 404, { error: "GET /metrics, GET /faults, PUT or DELETE /faults/<name>, GET /healthz" });
  };
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => reply(response, 500, { error: String(error) }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(settings.port, settings.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : settings.port;
  const host = settings.host === "0.0.0.0" ? "127.0.0.1" : settings.host;
  // The instance is the address Prometheus scrapes, so the pushed series and the scraped ones name it alike.
  const resource = resourceFromAttributes({ "service.name": settings.serviceName, "service.instance.id": `${host}:${port}` });
  const genAi = new GenAiMetrics(resource, `${settings.prometheusUrl}${OTLP_METRICS_PATH}`, settings.exportIntervalMillis);
  const tracing = new CallTracing(resource, `${settings.otlpUrl}/v1/traces`);
  const traffic = new Traffic(settings.agents, settings.models, settings.ratePerSecond, () => active, {
    start(call) {
      const span = tracing.start(call.agent, call.model);
      const done = usage.started(call);
      return (finished) => {
        done();
        const traceId = span.spanContext().traceId;
        tracing.end(span, finished);
        usage.finished(finished, traceId);
        genAi.finished(finished);
        ledger.add({ at: Date.now(), call: finished, traceId });
        // Every miss that a model answered is cached for its tenant.
        if (!finished.cacheHit && !finished.errorType) {
          const tenant = tenantOf(finished.agent);
          cacheEntries.set(tenant, (cacheEntries.get(tenant) ?? 0) + 1);
          usage.setCacheSize(tenant, cacheEntries.get(tenant)!);
        }
      };
    },
  });

  traffic.start();

  return {
    url: `http://${host}:${port}`,
    address: `${host}:${port}`,
    faults: () => [...active],
    setFault,
    ledger,
    stop: async () => {
      traffic.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // Flushes what is batched; an unreachable stack must not hold the exit up for long.
      const flushed = Promise.allSettled([tracing.shutdown(), genAi.shutdown()]);
      await Promise.race([flushed, new Promise((resolve) => setTimeout(resolve, FLUSH_LIMIT_MILLIS).unref())]);
    },
  };
}
