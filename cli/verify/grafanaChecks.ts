import type { Check } from "../preflight/checks.ts";
import type { StackExpectations } from "./expectations.ts";
import { describe, failed, http, settle } from "./http.ts";

export interface GrafanaAccess {
  url: string;
  user: string;
  /** The stack's admin password; absent when it could not be read, with the reason. */
  password?: string;
  passwordProblem?: string;
  /** What to do when Grafana does not answer at all. */
  unreachableFix: string;
}

/** A cheap read through Grafana's data source proxy, for data sources whose plugin has no health check. */
const PROXY_PROBE: Record<string, string> = {
  prometheus: "api/v1/status/buildinfo",
  jaeger: "api/services",
  alertmanager: "api/v2/status",
};

const RESET_GRAFANA =
  "Grafana applies the admin password only when it creates its database, which lives on the grafana volume: " +
  "if the password changed since, `npm run data -- reset grafana` starts Grafana on a new database with the current one " +
  "(UI-made changes are lost; the provisioned dashboards come back).";

/**
 * Grafana as a user meets it, through its documented HTTP API: it is up, the stack's admin password logs
 * in, every provisioned data source passes its health check, and every provisioned dashboard is there.
 */
export async function grafanaChecks(access: GrafanaAccess, expected: StackExpectations, deadline: number): Promise<Check[]> {
  const health = await settle(async () => {
    const result = await http(`${access.url}/api/health`);
    return { done: !failed(result) && result.status === 200, value: result };
  }, deadline);
  if (failed(health) || health.status !== 200) {
    return [{ name: "Grafana", ok: false, detail: `${access.url}/api/health: ${describe(health)}`, fix: access.unreachableFix }];
  }
  const version = (health.body as { version?: string }).version;
  const checks: Check[] = [{ name: "Grafana", ok: true, detail: `${access.url} answers${version ? ` (Grafana ${version})` : ""}` }];

  if (access.password === undefined) {
    // Not a failure of the stack: whoever typed the passphrase at Pulumi's prompt has none in the environment.
    checks.push({
      name: "Grafana login",
      ok: false,
      warning: true,
      detail: `not checked, nor the data sources and dashboards: the stack's admin password could not be read (${access.passwordProblem ?? "unknown"})`,
      fix: "Set PULUMI_CONFIG_PASSPHRASE (or LLMOBS_GRAFANA_PASSWORD) and run `npm run verify` again.",
    });
    return checks;
  }
  const auth = { user: access.user, password: access.password };
  const user = await http(`${access.url}/api/user`, { auth });
  if (failed(user) || user.status !== 200) {
    checks.push({
      name: "Grafana login",
      ok: false,
      detail: `${access.user} with the stack's admin password: ${describe(user)}`,
      ...(!failed(user) && user.status === 401 ? { fix: `The password did not take. ${RESET_GRAFANA}` } : {}),
    });
    return checks;
  }
  checks.push({ name: "Grafana login", ok: true, detail: `${access.user} logs in with the stack's admin password` });

  for (const source of expected.datasources) checks.push(await datasourceCheck(access.url, auth, source, deadline));
  checks.push(await dashboardsCheck(access.url, auth, expected, deadline));
  return checks;
}

async function datasourceCheck(
  url: string,
  auth: { user: string; password: string },
  source: StackExpectations["datasources"][number],
  deadline: number,
): Promise<Check> {
  const name = `Grafana data source ${source.name}`;
  const result = await settle(async () => {
    const health = await http(`${url}/api/datasources/uid/${source.uid}/health`, { auth, timeoutMs: 15_000 });
    // 404: the plugin has no backend health check (Grafana's answer for frontend-only data sources).
    if (!failed(health) && health.status === 404 && PROXY_PROBE[source.type]) {
      const proxied = await http(`${url}/api/datasources/proxy/uid/${source.uid}/${PROXY_PROBE[source.type]}`, { auth });
      const ok = !failed(proxied) && proxied.status === 200;
      return { done: ok, value: ok ? { ok, detail: "answers through Grafana's data source proxy" } : { ok, detail: `through Grafana's proxy: ${describe(proxied)}` } };
    }
    const body = failed(health) ? undefined : (health.body as { status?: string; message?: string } | undefined);
    const ok = !failed(health) && health.status === 200 && body?.status === "OK";
    return { done: ok, value: ok ? { ok, detail: body?.message ?? "health check OK" } : { ok, detail: `health check: ${describe(health)}` } };
  }, deadline);
  return result.ok
    ? { name, ok: true, detail: result.detail }
    : { name, ok: false, detail: result.detail, fix: `Grafana cannot query ${source.type} at its provisioned address: check that component's line below, and Grafana's logs.` };
}

async function dashboardsCheck(url: string, auth: { user: string; password: string }, expected: StackExpectations, deadline: number): Promise<Check> {
  const missing = await settle(async () => {
    const search = await http(`${url}/api/search?type=dash-db&limit=5000`, { auth });
    const found = new Set(!failed(search) && Array.isArray(search.body) ? (search.body as { uid: string }[]).map((d) => d.uid) : []);
    const absent = expected.dashboards.filter((d) => !found.has(d.uid));
    return { done: absent.length === 0, value: absent };
  }, deadline);
  if (missing.length > 0) {
    return {
      name: "Grafana dashboards",
      ok: false,
      detail: `not provisioned: ${missing.map((d) => `${d.title} (${d.uid})`).join(", ")}`,
      fix: "Grafana logs a provisioning error for each: `docker logs llmobs-grafana` (Kubernetes: `kubectl logs deploy/grafana`).",
    };
  }
  return { name: "Grafana dashboards", ok: true, detail: `all ${expected.dashboards.length} provisioned: ${expected.dashboards.map((d) => d.title).join(", ")}` };
}
