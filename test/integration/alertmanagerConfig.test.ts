import { describe, expect, test } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { load } from "js-yaml";
import { parseStackConfig } from "../../config/parse.ts";
import { describeStack } from "../../components/stack.ts";
import { ALERTMANAGER_WEBHOOK_URL_FILE } from "../../components/alertmanager/description.ts";
import { requireTool } from "../../cli/tools/installed.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";

function alertmanagerYml(values: Record<string, unknown>, secrets: Record<string, string> = {}): string {
  const stack = describeStack(parseStackConfig({ values, secrets }, STACK_FACTS));
  return stack.components.find((c) => c.name === "alertmanager")!.configFiles[0]!.content;
}

function amtoolCheck(content: string): string {
  const amtool = requireTool("amtool");
  const dir = mkdtempSync(join(tmpdir(), "llmobs-am-"));
  writeFileSync(join(dir, "alertmanager.yml"), content);
  try {
    return execFileSync(amtool, ["check-config", join(dir, "alertmanager.yml")], { encoding: "utf8", stdio: "pipe" });
  } catch (error) {
    const { stdout, stderr } = error as { stdout: string; stderr: string };
    throw new Error(`amtool check-config failed:\n${stdout}\n${stderr}`);
  }
}

const URL_SET = { alertmanagerWebhookUrl: "https://hooks.example.com/services/T000/B000/XXXX" };

describe("the rendered alertmanager.yml", () => {
  test("with no webhook: passes amtool check-config, and nobody is notified", () => {
    const content = alertmanagerYml({});
    expect(amtoolCheck(content)).toContain("SUCCESS");
    const document = load(content) as { receivers: { name: string }[]; route: { routes: { receiver: string }[] } };
    expect(document.receivers).toEqual([{ name: "default" }]);
    expect(document.route.routes.every((route) => route.receiver === "default")).toBe(true);
  });

  test("Slack-compatible: passes amtool check-config, the URL read from the secret file", () => {
    const content = alertmanagerYml({ alerting: { receiver: "slack", slackChannel: "#oncall" } }, URL_SET);
    expect(amtoolCheck(content)).toContain("SUCCESS");
    expect(content).toContain(`api_url_file: ${ALERTMANAGER_WEBHOOK_URL_FILE}`);
    expect(content).toContain('channel: "#oncall"');
    expect(content).not.toContain(URL_SET.alertmanagerWebhookUrl);
  });

  test("webhook: passes amtool check-config, the URL read from the secret file and never written into the config", () => {
    const content = alertmanagerYml({}, URL_SET);
    expect(amtoolCheck(content)).toContain("SUCCESS");
    expect(content).toContain(`url_file: ${ALERTMANAGER_WEBHOOK_URL_FILE}`);
    expect(content).not.toContain(URL_SET.alertmanagerWebhookUrl);
  });

  test("routes by severity: critical and warning notify, info does not; warnings are inhibited by their critical twin", () => {
    const document = load(alertmanagerYml({}, URL_SET)) as {
      route: { receiver: string; routes: { receiver: string; matchers: string[]; repeat_interval?: string }[] };
      inhibit_rules: { source_matchers: string[]; target_matchers: string[]; equal: string[] }[];
    };
    expect(document.route.receiver).toBe("default");
    expect(document.route.routes).toEqual([
      { receiver: "notify", matchers: ['severity="critical"'], repeat_interval: "1h" },
      { receiver: "notify", matchers: ['severity="warning"'] },
      { receiver: "default", matchers: ['severity="info"'] },
    ]);
    expect(document.inhibit_rules).toEqual([
      expect.objectContaining({ source_matchers: ['severity="critical"'], target_matchers: ['severity="warning"'] }),
    ]);
    expect(document.inhibit_rules[0]!.equal).toContain("alertname");
  });
});
