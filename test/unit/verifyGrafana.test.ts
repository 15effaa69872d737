import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { parseStackConfig } from "../../config/parse.ts";
import { describeStack } from "../../components/stack.ts";
import { stackExpectations } from "../../cli/verify/expectations.ts";
import { grafanaChecks } from "../../cli/verify/grafanaChecks.ts";
import { GrafanaApiDouble, type GrafanaState } from "../support/grafana/apiDouble.ts";
import { freePort } from "../../cli/local/processes.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";

const config = parseStackConfig({ values: {}, secrets: {} }, STACK_FACTS);
const expected = stackExpectations(describeStack(config), config);
const PASSWORD = "correct-horse-battery";

function healthyState(): GrafanaState {
  return {
    user: "admin",
    password: PASSWORD,
    datasourceHealth: {
      "llmobs-prometheus": { status: 200, body: { status: "OK", message: "Successfully queried the Prometheus API." } },
      "llmobs-jaeger": { status: 200, body: { status: "OK", message: "Data source is working" } },
    },
    // The Alertmanager data source has no backend health check: Grafana answers 404, verify uses the proxy.
    proxied: ["llmobs-alertmanager"],
    dashboards: expected.dashboards,
  };
}

let grafana: GrafanaApiDouble;
beforeEach(async () => {
  grafana = new GrafanaApiDouble(healthyState());
  await grafana.start();
});
afterEach(() => grafana.stop());

const access = (password?: string) => ({
  url: grafana.url,
  user: "admin",
  ...(password !== undefined ? { password } : { passwordProblem: "`pulumi stack output` failed: passphrase must be set" }),
  unreachableFix: "start it",
});
const soon = () => Date.now() + 1500;

describe("npm run verify against Grafana's HTTP API", () => {
  test("the stack renders three data sources and four dashboards to look for", () => {
    expect(expected.datasources.map((d) => d.uid).sort()).toEqual(["llmobs-alertmanager", "llmobs-jaeger", "llmobs-prometheus"]);
    expect(expected.dashboards).toHaveLength(4);
  });

  test("healthy: up, the password logs in, every data source and dashboard is there", async () => {
    const checks = await grafanaChecks(access(PASSWORD), expected, soon());
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    expect(checks.map((c) => c.name)).toEqual([
      "Grafana",
      "Grafana login",
      "Grafana data source Prometheus",
      "Grafana data source Jaeger",
      "Grafana data source Alertmanager",
      "Grafana dashboards",
    ]);
    expect(checks[0]!.detail).toContain("Grafana 12.3.1");
    expect(grafana.requests).toContain("GET /api/datasources/proxy/uid/llmobs-alertmanager/api/v2/status");
  });

  test("a 401: the password did not take, and the fix is a Grafana reset", async () => {
    const checks = await grafanaChecks(access("the-old-password"), expected, soon());
    const login = checks.find((c) => c.name === "Grafana login")!;
    expect(login).toMatchObject({ ok: false, detail: expect.stringContaining("HTTP 401: Invalid username or password") });
    expect(login.warning).toBeUndefined();
    expect(login.fix).toContain("npm run data -- reset grafana");
  });

  test("a data source whose backend is down fails, with Grafana's message", async () => {
    grafana.state.datasourceHealth["llmobs-prometheus"] = {
      status: 400,
      body: { status: "ERROR", message: 'Post "http://prometheus:9090/api/v1/query": dial tcp: lookup prometheus: no such host' },
    };
    const checks = await grafanaChecks(access(PASSWORD), expected, soon());
    expect(checks.find((c) => c.name === "Grafana data source Prometheus")).toMatchObject({ ok: false, detail: expect.stringContaining("no such host") });
  });

  test("a frontend-only data source whose backend does not answer through the proxy fails", async () => {
    grafana.state.proxied = [];
    const checks = await grafanaChecks(access(PASSWORD), expected, soon());
    expect(checks.find((c) => c.name === "Grafana data source Alertmanager")).toMatchObject({ ok: false, detail: expect.stringContaining("HTTP 502") });
  });

  test("a dashboard that was not provisioned is named", async () => {
    grafana.state.dashboards = expected.dashboards.slice(1);
    const checks = await grafanaChecks(access(PASSWORD), expected, soon());
    expect(checks.find((c) => c.name === "Grafana dashboards")).toMatchObject({ ok: false, detail: expect.stringContaining(expected.dashboards[0]!.uid) });
  });

  test("without the password (no passphrase in the environment): a warning that says what to set", async () => {
    const checks = await grafanaChecks(access(), expected, soon());
    expect(checks.at(-1)).toMatchObject({ name: "Grafana login", ok: false, warning: true, fix: expect.stringContaining("PULUMI_CONFIG_PASSPHRASE") });
  });

  test("Grafana not answering: one failure with what to do", async () => {
    const checks = await grafanaChecks({ ...access(PASSWORD), url: `http://127.0.0.1:${await freePort()}` }, expected, Date.now());
    expect(checks).toEqual([{ name: "Grafana", ok: false, detail: expect.stringContaining("no answer (ECONNREFUSED)"), fix: "start it" }]);
  });
});
