import { load } from "js-yaml";
import type { Check } from "../preflight/checks.ts";
import type { StackExpectations } from "./expectations.ts";
import { describe, failed, http, settle } from "./http.ts";

interface Receiver {
  name: string;
  webhook_configs?: unknown[];
  slack_configs?: unknown[];
}

/** Alertmanager's loaded config, and the receiver its route sends alerts to. */
export async function alertmanagerChecks(url: string, expected: StackExpectations, unreachableFix: string, deadline: number): Promise<Check[]> {
  const status = await settle(async () => {
    const result = await http(`${url}/api/v2/status`);
    return { done: !failed(result) && result.status === 200, value: result };
  }, deadline);
  if (failed(status) || status.status !== 200) {
    return [{ name: "Alertmanager", ok: false, detail: `${url}: ${describe(status)}`, fix: unreachableFix }];
  }
  const body = status.body as { config?: { original?: string }; versionInfo?: { version?: string } };
  const config = load(body.config?.original ?? "") as { route?: { receiver?: string }; receivers?: Receiver[] } | undefined;
  const receiverName = config?.route?.receiver;
  const receiver = config?.receivers?.find((r) => r.name === receiverName);
  const checks: Check[] = [{ name: "Alertmanager", ok: true, detail: `${url} answers, config loaded${body.versionInfo?.version ? ` (Alertmanager ${body.versionInfo.version})` : ""}` }];
  if (expected.alertReceiver !== undefined && receiverName !== expected.alertReceiver) {
    checks.push({
      name: "Alertmanager route",
      ok: false,
      detail: `routes to ${receiverName ?? "nothing"}, but the stack renders ${expected.alertReceiver}`,
      fix: "The running Alertmanager has an old config: `npm run up` replaces it.",
    });
  } else {
    const delivery = receiver?.webhook_configs?.length ? "a webhook" : receiver?.slack_configs?.length ? "a Slack-compatible webhook" : "no one (no webhook URL is set: alerts show in Alertmanager and Grafana only)";
    checks.push({ name: "Alertmanager route", ok: true, detail: `alerts go to receiver ${receiverName}, which notifies ${delivery}` });
  }
  return checks;
}
