import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseStackConfig } from "../../config/parse.ts";
import { describeStack } from "../../components/stack.ts";
import { renderedFiles } from "../../components/renderedFiles.ts";
import { writeRenderedFiles } from "../../cli/render/writeFiles.ts";
import { ruleFileGroups } from "../../rules/ruleFiles.ts";
import { isAlertingRule, type AlertingRule } from "../../rules/model.ts";
import { freePort, waitFor } from "../../cli/local/processes.ts";
import { startAlertmanager } from "../../cli/local/prometheus.ts";
import type { RunningComponent } from "../../cli/local/startComponent.ts";
import { startHook, type Hook } from "../support/alertmanager/webhookReceiver.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";

/**
 * The pinned Alertmanager with the rendered alertmanager.yml: a warning whose critical twin (the same
 * alert, the same labels) fires is inhibited; a warning without one is delivered.
 */
interface DeliveredAlert {
  status: string;
  labels: Record<string, string>;
}

const config = parseStackConfig({
  values: { alerting: { groupWait: "1s", groupInterval: "1s" } },
  secrets: { alertmanagerWebhookUrl: "http://127.0.0.1:9/unused" },
}, STACK_FACTS);
// An alert the rules define at both severities.
const rules = ruleFileGroups(config).flatMap((file) => file.groups.flatMap((group) => group.rules.filter(isAlertingRule)));
const twin = (severity: string): AlertingRule =>
  rules.find((rule) => rule.labels.severity === severity && rules.some((other) => other.alert === rule.alert && other.labels.severity !== severity))!;
const warning = twin("warning");
const critical = rules.find((rule) => rule.alert === warning.alert && rule.labels.severity === "critical")!;

let hook: Hook;
let alertmanager: RunningComponent & { url: string };

/** An alert as Prometheus sends it: the rule's labels and annotations on the series' labels. */
function firing(rule: AlertingRule, model: string) {
  const now = Date.now();
  return {
    labels: { alertname: rule.alert, ...rule.labels, job: "llm-gateway", instance: "10.0.0.7:8000", model },
    annotations: rule.annotations,
    startsAt: new Date(now).toISOString(),
    endsAt: new Date(now + 5 * 60_000).toISOString(),
  };
}

beforeAll(async () => {
  hook = await startHook();
  const dir = mkdtempSync(join(tmpdir(), "llmobs-inhibit-"));
  const secretFile = join(dir, "webhook-url");
  writeFileSync(secretFile, hook.url);
  const stack = describeStack(config, { secretPath: () => secretFile });
  writeRenderedFiles(renderedFiles(stack), dir);
  alertmanager = await startAlertmanager({ stack, renderDir: dir, dataDir: join(dir, "am-data"), port: await freePort() });
});

afterAll(async () => {
  await alertmanager?.stop();
  hook?.server.close();
});

describe(`${warning.alert} at warning and critical`, () => {
  test("the warning is inhibited while its critical twin fires; a warning without a twin is delivered", async () => {
    const response = await fetch(`${alertmanager.url}/api/v2/alerts`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify([firing(warning, "gpt-4o"), firing(critical, "gpt-4o"), firing(warning, "gpt-4o-mini")]),
    });
    expect(response.status).toBe(200);
    const delivered = () =>
      hook.bodies.flatMap((body) => (body as { alerts: DeliveredAlert[] }).alerts).map((alert) => `${alert.labels.severity} ${alert.labels.model}`);
    await waitFor("the critical alert and the lone warning at the webhook", async () => {
      const seen = delivered();
      return seen.includes("critical gpt-4o") && seen.includes("warning gpt-4o-mini") ? true : undefined;
    });
    // Several more group intervals: the inhibited warning never follows.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(delivered()).not.toContain("warning gpt-4o");

    const alerts = (await (await fetch(`${alertmanager.url}/api/v2/alerts`)).json()) as {
      labels: Record<string, string>;
      status: { state: string; inhibitedBy: string[] };
    }[];
    const inhibited = alerts.find((alert) => alert.labels.severity === "warning" && alert.labels.model === "gpt-4o")!;
    expect(inhibited.status.state).toBe("suppressed");
    expect(inhibited.status.inhibitedBy).toHaveLength(1);
  });
});
