import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeStack } from "../../components/stack.ts";
import { renderedFiles } from "../../components/renderedFiles.ts";
import { writeRenderedFiles } from "../../cli/render/writeFiles.ts";
import type { ComponentDescription, StackDescription } from "../../components/types.ts";
import { JAEGER_PORTS } from "../../components/jaeger/jaegerConfig.ts";
import { fastConfig } from "../support/grafana/dashboards.ts";
import { freePort, waitFor } from "../../cli/local/processes.ts";
import type { RunningComponent } from "../../cli/local/startComponent.ts";
import { startJaeger, type JaegerPlacement } from "../support/jaeger/localJaeger.ts";
import { componentOf, startPrometheus, type RunningPrometheus } from "../../cli/local/prometheus.ts";
import { instantQuery } from "../../cli/local/prometheusApi.ts";
import { queryTrace } from "../support/jaeger/query.ts";
import { sendSpan, spanExporter, type SpanProtocol } from "../support/jaeger/spanSenders.ts";

/**
 * The pinned Jaeger (see cli/tools/standIns.ts) from the rendered jaeger/config.yaml, Badger in a temp
 * dir: spans in over each protocol the stack publishes, out through the query API, kept across a restart,
 * and Jaeger's own metrics scraped by Prometheus' rendered `jaeger` job.
 */
const dir = mkdtempSync(join(tmpdir(), "llmobs-jaeger-"));
let stack: StackDescription;
let description: ComponentDescription;
let placement: JaegerPlacement;
let jaeger: RunningComponent;
let prometheus: RunningPrometheus | undefined;
const sent: { protocol: SpanProtocol; traceId: string; service: string }[] = [];

/** Where each protocol's port takes spans, as the description declares it. */
function endpoint(protocol: SpanProtocol): string {
  const name = { "otlp-grpc": "otlp-grpc", "otlp-http": "otlp-http", "thrift-http": "collector" }[protocol];
  const port = description.ports.find((candidate) => candidate.name === name)!;
  const base = `http://127.0.0.1:${placement.ports[port.containerPort]}`;
  return port.url.scheme === "http" ? `${base}${port.url.path}` : base;
}

beforeAll(async () => {
  const ports: Record<number, number> = {};
  for (const port of Object.values(JAEGER_PORTS)) ports[port] = await freePort();
  const prometheusPort = await freePort();
  const unused = await freePort();
  stack = describeStack(fastConfig(), {
    peer: (name, port) => `127.0.0.1:${name === "jaeger" ? ports[port] : name === "prometheus" ? prometheusPort : unused}`,
  });
  description = componentOf(stack, "jaeger");
  placement = { renderDir: join(dir, "local"), dataDir: join(dir, "data"), ports, queryGrpcPort: await freePort() };
  writeRenderedFiles(renderedFiles(stack), join(dir, "rendered"));
  jaeger = await startJaeger(stack, placement);
  prometheus = await startPrometheus({ stack, renderDir: join(dir, "rendered"), port: prometheusPort });
});

afterAll(async () => {
  await prometheus?.stop();
  await jaeger?.stop();
});

describe("Jaeger from the rendered config", () => {
  test("answers its health check on the port and path the container probes, within its start time", async () => {
    const { port, path, startSeconds, timeoutSeconds } = description.healthCheck;
    expect(port).toBe(JAEGER_PORTS.health);
    expect(jaeger.healthySeconds).toBeLessThan(startSeconds);
    const response = await fetch(`${jaeger.urlOf(port)}${path}`, { signal: AbortSignal.timeout(timeoutSeconds * 1000) });
    expect(response.status).toBe(200);
  });

  test.each(["otlp-grpc", "otlp-http", "thrift-http"] as const)("a span sent over %s comes back from the query API", async (protocol) => {
    const service = `llmobs-${protocol}-client`;
    const traceId = await sendSpan(spanExporter(protocol, endpoint(protocol)), service, `chat over ${protocol}`);
    sent.push({ protocol, traceId, service });
    const trace = await waitFor("the trace in the query API", () => queryTrace(jaeger.urlOf(JAEGER_PORTS.ui), traceId), { context: jaeger.output });
    expect(trace.spans.map((span) => span.operationName)).toEqual([`chat over ${protocol}`]);
    expect(Object.values(trace.processes).map((process) => process.serviceName)).toEqual([service]);
  });

  test("Prometheus' rendered jaeger job scrapes Jaeger's own metrics: up == 1", async () => {
    const samples = await waitFor(
      "up{job=\"jaeger\"} == 1",
      async () => {
        const result = await instantQuery(prometheus!.url, 'up{job="jaeger"} == 1');
        return result.length > 0 ? result : undefined;
      },
      { context: () => `${prometheus!.output()}\n${jaeger.output()}` },
    );
    expect(samples[0]!.metric.instance).toBe(`127.0.0.1:${placement.ports[JAEGER_PORTS.metrics]}`);
  });

  test("after a restart on the same Badger directory, every span is still there", async () => {
    expect(sent.map((s) => s.protocol).sort()).toEqual(["otlp-grpc", "otlp-http", "thrift-http"]);
    await jaeger.stop();
    jaeger = await startJaeger(stack, placement);
    for (const { traceId, service } of sent) {
      const trace = await queryTrace(jaeger.urlOf(JAEGER_PORTS.ui), traceId);
      expect(trace, `${service}'s trace ${traceId}`).toBeDefined();
      expect(Object.values(trace!.processes).map((process) => process.serviceName)).toEqual([service]);
    }
  });
});
