import { STACK_FACTS } from "../../../components/factsForConfig.ts";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseStackConfig } from "../../../config/parse.ts";
import type { StackConfig } from "../../../config/schema.ts";
import { describeStack } from "../../../components/stack.ts";
import { renderedFiles } from "../../../components/renderedFiles.ts";
import { writeRenderedFiles } from "../../../cli/render/writeFiles.ts";
import { JAEGER_PORTS } from "../../../components/jaeger/jaegerConfig.ts";
import { SPAN_METRICS_JOB } from "../../../components/jaeger/description.ts";
import { SERVICE_SERIES } from "../../../metrics/canonical.ts";
import { FAST_PROMETHEUS } from "../grafana/dashboards.ts";
import { freePort, waitFor } from "../../../cli/local/processes.ts";
import { startPrometheus, type RunningPrometheus } from "../../../cli/local/prometheus.ts";
import { startJaeger } from "../jaeger/localJaeger.ts";
import type { RunningComponent } from "../../../cli/local/startComponent.ts";
import { instantQuery, type Sample } from "../../../cli/local/prometheusApi.ts";
import type { Interpolation } from "../../../cli/local/grafanaQueries.ts";
import { startFakeOpenAi, type FakeOpenAi, type ServedCall } from "./fakeOpenAi.ts";
import type { CallOutcome } from "./openaiCalls.ts";

/** What a conformance test gives an emitter to run against. */
export interface EmitterContext {
  /** The fake OpenAI-compatible endpoint's base URL. */
  upstream: string;
  /** Loopback ports Prometheus scrapes as the LLM service, one per requested metrics endpoint. */
  metricsPorts: number[];
  /** Prometheus' OTLP metrics endpoint. */
  otlpMetricsUrl: string;
  /** Jaeger's OTLP/HTTP base URL, when the test runs Jaeger. */
  jaegerOtlpHttp?: string;
}

/** An emitter started for a test: it makes the world's calls when asked (itself, or through a driver). */
export interface EmitterUnderTest {
  run(): Promise<CallOutcome[]>;
  stop(): Promise<void>;
  output(): string;
}

export interface ConformanceRun {
  prometheus: RunningPrometheus;
  jaeger?: RunningComponent;
  jaegerUi?: string;
  config: StackConfig;
  /** What every call did, as the caller measured it. */
  outcomes: CallOutcome[];
  /** What the fake endpoint answered. */
  served: ServedCall[];
  /** The dashboards' time range: from just before the calls to now. */
  range(): Interpolation;
  query(expr: string): Promise<Sample[]>;
  stop(): Promise<void>;
}

const SERVICE_JOB = "llm-service";

/**
 * One emitter against the real pinned Prometheus (and Jaeger, for emitters that trace), both from the
 * rendered stack config with every interval at one second: the emitter starts, Prometheus watches it as
 * it would watch a service that has been up a while, the world's calls are made, and the run returns once
 * what they did has landed in the canonical series.
 */
export async function startConformance(options: {
  metricsEndpoints: number;
  jaeger?: boolean;
  start(context: EmitterContext): Promise<EmitterUnderTest>;
}): Promise<ConformanceRun> {
  const fake: FakeOpenAi = await startFakeOpenAi();
  const prometheusPort = await freePort();
  const unused = await freePort();
  const metricsPorts: number[] = [];
  for (let i = 0; i < options.metricsEndpoints; i++) metricsPorts.push(await freePort());
  const jaegerPorts: Record<number, number> = {};
  if (options.jaeger) for (const port of Object.values(JAEGER_PORTS)) jaegerPorts[port] = await freePort();
  const targets = metricsPorts.length > 0 ? metricsPorts.map((port) => `127.0.0.1:${port}`) : [`127.0.0.1:${unused}`];
  const config = parseStackConfig({
    values: { prometheus: { ...FAST_PROMETHEUS.prometheus, otlpPushInterval: "1s" }, llmService: { jobName: SERVICE_JOB, targets } },
    secrets: {},
  }, STACK_FACTS);
  const stack = describeStack(config, {
    peer: (name, port) => `127.0.0.1:${name === "prometheus" ? prometheusPort : name === "jaeger" ? (jaegerPorts[port] ?? unused) : unused}`,
    loopback: () => `127.0.0.1:${prometheusPort}`,
  });
  const dir = mkdtempSync(join(tmpdir(), "llmobs-conformance-"));
  writeRenderedFiles(renderedFiles(stack), join(dir, "rendered"));
  const stoppers: (() => Promise<void>)[] = [() => fake.close()];
  const stopAll = async () => {
    for (const stop of stoppers.reverse()) await stop();
  };
  try {
    const jaeger = options.jaeger
      ? await startJaeger(stack, { renderDir: join(dir, "local"), dataDir: join(dir, "jaeger"), ports: jaegerPorts, queryGrpcPort: await freePort() })
      : undefined;
    if (jaeger) stoppers.push(() => jaeger.stop());
    const prometheus = await startPrometheus({ stack, renderDir: join(dir, "rendered"), port: prometheusPort });
    stoppers.push(() => prometheus.stop());
    const emitter = await options.start({
      upstream: fake.baseUrl,
      metricsPorts,
      otlpMetricsUrl: `${prometheus.url}/api/v1/otlp/v1/metrics`,
      ...(jaeger ? { jaegerOtlpHttp: `http://127.0.0.1:${jaegerPorts[JAEGER_PORTS.otlpHttp]}` } : {}),
    });
    stoppers.push(() => emitter.stop());
    const context = () => `${emitter.output()}\n${prometheus.output()}`;
    const query = (expr: string) => instantQuery(prometheus.url, expr);

    // Prometheus watches the service as one that has been up a while: every target scraped for two
    // evaluations, and running long enough to take a series pushed for the first time as new.
    const watched = [...(metricsPorts.length > 0 ? [SERVICE_JOB] : []), ...(jaeger ? [SPAN_METRICS_JOB] : [])];
    for (const job of watched) {
      await waitFor(`every ${job} target up`, async () => ((await query(`count(up{job="${job}"} == 1) == ${job === SERVICE_JOB ? targets.length : 1}`)).length ? true : undefined), {
        timeoutMs: 30_000,
        context,
      });
    }
    const trustedAfter = 2 * 1 + 1;
    await waitFor("Prometheus to have run long enough to take new series as new", async () =>
      (await query(`time() - max(process_start_time_seconds and on (job, instance) prometheus_build_info) > ${trustedAfter}`)).length ? true : undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 2500));

    const started = Date.now() / 1000;
    const outcomes = await emitter.run();
    // Landed once the recorded calls stop changing: an OTLP push, a scrape and an evaluation take a second
    // each; spans wait up to 5 s in the SDK's batch (its default delay) before Jaeger counts them.
    const quietMs = options.jaeger ? 9000 : 4000;
    let last = -1;
    let stableSince = Date.now();
    await waitFor(
      "the recorded calls to settle",
      async () => {
        const [sample] = await query(`sum(sum_over_time(${SERVICE_SERIES.requests}[5m]))`);
        const now = sample ? Number(sample.value[1]) : 0;
        if (now !== last) {
          last = now;
          stableSince = Date.now();
        }
        return now > 0 && Date.now() - stableSince > quietMs ? true : undefined;
      },
      { timeoutMs: 45_000, intervalMs: 500, context },
    );
    const range = (): Interpolation => {
      const seconds = Math.ceil(Date.now() / 1000 - started) + 5;
      return { range: `${seconds}s`, rangeSeconds: seconds, rateInterval: "5m" };
    };
    return {
      prometheus,
      ...(jaeger ? { jaeger, jaegerUi: jaeger.urlOf(JAEGER_PORTS.ui) } : {}),
      config,
      outcomes,
      served: fake.served,
      range,
      query,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
