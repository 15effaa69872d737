import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, request, type IncomingHttpHeaders, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { load } from "js-yaml";
import { parseStackConfig } from "../../config/parse.ts";
import { describeStack } from "../../components/stack.ts";
import { renderedFiles } from "../../components/renderedFiles.ts";
import type { SecretName } from "../../components/types.ts";
import { writeRenderedFiles } from "../../cli/render/writeFiles.ts";
import { requireTool } from "../../cli/tools/installed.ts";
import { freePort, waitFor, type RunningProcess } from "../../cli/local/processes.ts";
import { startPrometheus, type RunningPrometheus } from "../../cli/local/prometheus.ts";
import { instantQuery } from "../../cli/local/prometheusApi.ts";
import { SERIES } from "../../metrics/canonical.ts";
import { recordedSeries } from "../../rules/recordedSeries.ts";
import { startExporter, type SyntheticExporter } from "../../synthetic/exporter.ts";
import { usageFamilies } from "../../synthetic/vocabularies.ts";
import { healthyWorkload } from "../../synthetic/workload.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";
import type { StackConfig } from "../../config/schema.ts";
import type { StackDescription } from "../../components/types.ts";
import { stackExpectations } from "../../cli/verify/expectations.ts";
import { remoteWriteChecks } from "../../cli/verify/remoteWriteChecks.ts";
import { startRemoteWriteReceiver } from "../support/prometheus/remoteWriteReceiver.ts";

/**
 * Remote write end to end on the pinned Prometheus: the stack's Prometheus, from its rendered
 * prometheus.yml, scrapes a synthetic LLM service, evaluates the stack's recording rules and writes to a
 * second real Prometheus (--web.enable-remote-write-receiver) standing in for the distributed store. In
 * between, a small proxy plays the store's gateway: it lets a request through only with the basic auth, the
 * tenant header and the secret header the stack was given, each read by Prometheus from its files.
 */
const dir = mkdtempSync(join(tmpdir(), "llmobs-remote-write-"));
const USER = "team-a";
const PASSWORD = "remote-write-password";
const API_KEY = "remote-write-api-key";
const CLUSTER = "stack-under-test";

/** What the gateway saw: requests let through, and those refused with why. */
interface Gateway {
  url: string;
  passed: number;
  refused: string[];
  server: Server;
}

function expectedHeader(headers: IncomingHttpHeaders): string | undefined {
  if (headers.authorization !== `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString("base64")}`) return `Authorization: ${headers.authorization}`;
  if (headers["x-scope-orgid"] !== USER) return `X-Scope-OrgID: ${headers["x-scope-orgid"]}`;
  if (headers["x-api-key"] !== API_KEY) return `X-Api-Key: ${headers["x-api-key"]}`;
  return undefined;
}

/** Refuses (401) what lacks the credentials; forwards the rest, body and headers as they are, to the receiver. */
function startGateway(receiverPort: number): Promise<Gateway> {
  const gateway = { passed: 0, refused: [] as string[] } as Gateway;
  gateway.server = createServer((incoming, response) => {
    const wrong = expectedHeader(incoming.headers);
    if (wrong) {
      gateway.refused.push(wrong);
      incoming.resume();
      response.writeHead(401).end("unauthorized");
      return;
    }
    const { authorization: _, host: __, ...headers } = incoming.headers;
    const forward = request({ host: "127.0.0.1", port: receiverPort, path: incoming.url, method: incoming.method, headers }, (answer) => {
      if (answer.statusCode && answer.statusCode < 300) gateway.passed++;
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    forward.on("error", () => response.writeHead(502).end());
    incoming.pipe(forward);
  });
  return new Promise((resolve) => {
    gateway.server.listen(0, "127.0.0.1", () => {
      const address = gateway.server.address();
      gateway.url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
      resolve(gateway);
    });
  });
}

const running: RunningProcess[] = [];
let exporter: SyntheticExporter;
let gateway: Gateway;
let source: RunningPrometheus;
let receiverUrl: string;
let prometheusYml: string;
let kept: string[];
let config: StackConfig;
let stack: StackDescription;
let ports: { source: number; unused: number };

beforeAll(async () => {
  ports = { source: await freePort(), unused: await freePort() };
  const { source: sourcePort, unused } = ports;
  const receiver = await startRemoteWriteReceiver(dir);
  running.push(receiver.process);
  receiverUrl = receiver.url;

  gateway = await startGateway(receiver.port);
  exporter = await startExporter((elapsed) => usageFamilies(healthyWorkload(), elapsed));

  const secretFiles: Partial<Record<SecretName, string>> = {
    "prometheus-remote-write-password": join(dir, "password"),
    "prometheus-remote-write-header-value": join(dir, "api-key"),
  };
  writeFileSync(secretFiles["prometheus-remote-write-password"]!, PASSWORD);
  writeFileSync(secretFiles["prometheus-remote-write-header-value"]!, API_KEY);
  config = parseStackConfig(
    {
      values: {
        prometheus: {
          scrapeInterval: "1s",
          evaluationInterval: "1s",
          remoteWrite: {
            url: `${gateway.url}/api/v1/write`,
            headers: { "X-Scope-OrgID": USER },
            username: USER,
            secretHeader: "X-Api-Key",
            cluster: CLUSTER,
            queue: { batchSendDeadline: "1s" },
          },
        },
        llmService: { targets: [exporter.address] },
      },
      secrets: { prometheusRemoteWritePassword: PASSWORD, prometheusRemoteWriteHeaderValue: API_KEY },
    },
    STACK_FACTS,
  );
  kept = ["up", "ALERTS", ...recordedSeries(config)];
  stack = describeStack(config, {
    peer: (name) => `127.0.0.1:${name === "prometheus" ? sourcePort : unused}`,
    loopback: () => `127.0.0.1:${sourcePort}`,
    secretPath: (secret) => secretFiles[secret]!,
  });
  writeRenderedFiles(renderedFiles(stack), dir);
  prometheusYml = readFileSync(join(dir, "prometheus/prometheus.yml"), "utf8");
  source = await startPrometheus({ stack, renderDir: dir, port: sourcePort, dataDir: join(dir, "source-data") });
  running.push(source);
});

afterAll(async () => {
  await Promise.all(running.map((process) => process.stop()));
  await exporter?.close();
  gateway?.server.close();
});

const context = () => `${source?.output() ?? ""}\ngateway: ${gateway?.passed} passed, refused: ${gateway?.refused.join("; ")}`;

/** Every metric name the receiver holds. */
async function receivedNames(): Promise<string[]> {
  const body = (await (await fetch(`${receiverUrl}/api/v1/label/__name__/values`)).json()) as { data: string[] };
  return body.data;
}

describe("remote write from the rendered prometheus.yml", () => {
  test("passes promtool check config, and names the credentials' files, never their values", () => {
    expect(execFileSync(requireTool("promtool"), ["check", "config", join(dir, "prometheus/prometheus.yml")], { encoding: "utf8" })).toContain("SUCCESS");
    expect(prometheusYml).not.toContain(PASSWORD);
    expect(prometheusYml).not.toContain(API_KEY);
    expect((load(prometheusYml) as any).remote_write[0].basic_auth.password_file).toBe(join(dir, "password"));
  });

  test("the canonical series arrive in the store with the cluster label", async () => {
    const samples = await waitFor(
      `${SERIES.requests} in the receiver`,
      async () => {
        const result = await instantQuery(receiverUrl, SERIES.requests);
        return result.length > 0 ? result : undefined;
      },
      { context },
    );
    for (const sample of samples) expect(sample.metric).toMatchObject({ cluster: CLUSTER, job: "llm-service" });
  });

  test("up and ALERTS arrive too", async () => {
    const up = await waitFor("up in the receiver", async () => {
      const result = await instantQuery(receiverUrl, 'up{job="llm-service"}');
      return result.length > 0 ? result : undefined;
    }, { context });
    expect(up[0]!.metric.cluster).toBe(CLUSTER);
    // The peers this test runs without are down: TargetDown is pending for them, an ALERTS series.
    await waitFor("ALERTS in the source", async () => ((await instantQuery(source.url, "ALERTS")).length > 0 ? true : undefined), { context });
    const alerts = await waitFor("ALERTS in the receiver", async () => {
      const result = await instantQuery(receiverUrl, "ALERTS");
      return result.length > 0 ? result : undefined;
    }, { context });
    expect(alerts[0]!.metric.cluster).toBe(CLUSTER);
  });

  test("what the relabelling drops does not arrive: the raw emitter series stay in the stack's Prometheus", async () => {
    const sourceNames = ((await (await fetch(`${source.url}/api/v1/label/__name__/values`)).json()) as { data: string[] }).data;
    const raw = (await instantQuery(source.url, 'count by (__name__) ({job="llm-service", __name__!~"up|scrape_.*|.*:.*"})')).map((s) => s.metric.__name__!);
    expect(raw.length, "raw emitter series in the source").toBeGreaterThan(0);
    const received = await receivedNames();
    expect(received.filter((name) => !kept.includes(name))).toEqual([]);
    for (const name of raw) expect(sourceNames).toContain(name);
    expect(received.filter((name) => raw.includes(name))).toEqual([]);
  });

  test("basic auth, the tenant header and the secret header were sent: the gateway let every request through, and refuses one without them", async () => {
    expect(gateway.passed).toBeGreaterThan(0);
    expect(gateway.refused).toEqual([]);
    const anonymous = await fetch(`${gateway.url}/api/v1/write`, { method: "POST", body: "" });
    expect(anonymous.status).toBe(401);
    expect(gateway.refused).toEqual(["Authorization: undefined"]);
  });
});

describe("npm run verify's remote-write check, on the same Prometheus and store", () => {
  test("reports the store reached and how far behind", async () => {
    const expectations = stackExpectations(stack, config);
    expect(expectations.remoteWriteUrls).toEqual([`${gateway.url}/api/v1/write`]);
    const [check, ...more] = await remoteWriteChecks(source.url, expectations, Date.now() + 30_000);
    expect(more).toEqual([]);
    expect(check, context()).toMatchObject({ name: `Prometheus remote write to ${gateway.url}/api/v1/write`, ok: true });
    expect(check!.warning).toBeUndefined();
    expect(check!.detail).toMatch(/^delivering, \d+ s behind; in \d+ s: [1-9]\d* samples accepted, 0 refused, 0 retried$/);
  });

  test("a wrong password: the store refuses every sample, and the check fails saying so and what to check", async () => {
    // The same rendered stack, its password file holding another password.
    const wrongDir = join(dir, "wrong-password");
    const wrongPassword = join(dir, "wrong-password-file");
    writeFileSync(wrongPassword, "not-the-password");
    const port = await freePort();
    const wrong = describeStack(config, {
      peer: (name) => `127.0.0.1:${name === "prometheus" ? port : ports.unused}`,
      loopback: () => `127.0.0.1:${port}`,
      secretPath: (secret) => (secret === "prometheus-remote-write-password" ? wrongPassword : join(dir, "api-key")),
    });
    writeRenderedFiles(renderedFiles(wrong), wrongDir);
    const refusing = await startPrometheus({ stack: wrong, renderDir: wrongDir, port, dataDir: join(wrongDir, "data") });
    running.push(refusing);
    await waitFor("the gateway to refuse the wrong password", async () => (gateway.refused.some((why) => why.startsWith("Authorization: Basic")) ? true : undefined), {
      context: () => refusing.output(),
    });
    const [check] = await remoteWriteChecks(refusing.url, stackExpectations(wrong, config), Date.now() + 15_000);
    expect(check, JSON.stringify(check)).toMatchObject({ ok: false });
    expect(check!.warning).toBeUndefined();
    expect(check!.detail).toMatch(/^the store refuses the samples; in \d+ s: 0 samples accepted, [1-9]\d* refused, 0 retried$/);
    expect(check!.fix).toContain("401 or 403");
  });
});
