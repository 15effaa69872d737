import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseStackConfig } from "../../config/parse.ts";
import { describeStack } from "../../components/stack.ts";
import { renderedFiles } from "../../components/renderedFiles.ts";
import { writeRenderedFiles } from "../../cli/render/writeFiles.ts";
import { SERIES } from "../../metrics/canonical.ts";
import { freePort, waitFor, type RunningProcess } from "../../cli/local/processes.ts";
import { startAlertmanager, startPrometheus } from "../../cli/local/prometheus.ts";
import { instantQuery } from "../../cli/local/prometheusApi.ts";
import { startExporter, type SyntheticExporter } from "../../synthetic/exporter.ts";
import { usageFamilies } from "../../synthetic/vocabularies.ts";
import { healthyWorkload } from "../../synthetic/workload.ts";
import { startHook, type Hook } from "../support/alertmanager/webhookReceiver.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";

/**
 * End to end on real processes: a synthetic LLM service scraped by the pinned Prometheus, evaluating the
 * rendered rules and sending to the pinned Alertmanager with the rendered config, which reads the
 * receiver's URL from its secret file and notifies this test's own webhook on loopback. Healthy traffic raises no LLM alert; when the service stops answering,
 * LLMServiceDown reaches the webhook.
 */
function deliverySuite(receiver: "slack" | "webhook", firingAlertNames: (body: any) => string[]) {
  describe(`alert delivery through the ${receiver} receiver`, () => {
    const running: RunningProcess[] = [];
    let hook: Hook;
    let exporter: SyntheticExporter;
    let prometheusUrl: string;
    let secretFile: string;
    let alertmanagerYml: string;

    beforeAll(async () => {
      hook = await startHook();
      exporter = await startExporter((elapsed) => usageFamilies(healthyWorkload(), elapsed));
      const [prometheusPort, alertmanagerPort, unused] = [await freePort(), await freePort(), await freePort()];
      const dir = mkdtempSync(join(tmpdir(), "llmobs-alerts-"));
      secretFile = join(dir, "webhook-url");
      writeFileSync(secretFile, hook.url);
      const config = parseStackConfig({
        values: {
          prometheus: { scrapeInterval: "1s", evaluationInterval: "1s" },
          llmService: { targets: [exporter.address] },
          thresholds: { targetDownFor: "2s" },
          alerting: { receiver, groupWait: "1s", groupInterval: "1s" },
        },
        secrets: { alertmanagerWebhookUrl: hook.url },
      }, STACK_FACTS);
      const ports: Record<string, number> = { prometheus: prometheusPort, alertmanager: alertmanagerPort };
      const stack = describeStack(config, {
        peer: (name) => `127.0.0.1:${ports[name] ?? unused}`,
        loopback: () => `127.0.0.1:${prometheusPort}`,
        secretPath: () => secretFile,
      });
      writeRenderedFiles(renderedFiles(stack), dir);
      alertmanagerYml = readFileSync(join(dir, "alertmanager/alertmanager.yml"), "utf8");
      running.push(await startAlertmanager({ stack, renderDir: dir, dataDir: join(dir, "am-data"), port: alertmanagerPort }));
      const prometheus = await startPrometheus({ stack, renderDir: dir, port: prometheusPort });
      running.push(prometheus);
      prometheusUrl = prometheus.url;
      await waitFor("the canonical series", async () => ((await instantQuery(prometheusUrl, `count(${SERIES.requests})`)).length ? true : undefined));
    });

    afterAll(async () => {
      await Promise.all(running.map((process) => process.stop()));
      await exporter?.close();
      hook?.server.close();
    });

    test("the receiver reads its URL from the secret file: the URL is nowhere in alertmanager.yml", () => {
      expect(alertmanagerYml).toContain(`${receiver === "slack" ? "api_url_file" : "url_file"}: ${secretFile}`);
      expect(alertmanagerYml).not.toContain(hook.url);
    });

    test("healthy traffic raises no LLM alert, not even a pending one", async () => {
      await new Promise((resolve) => setTimeout(resolve, 5000));
      const alerts = await instantQuery(prometheusUrl, 'ALERTS{alertname=~"LLM.*"}');
      expect(alerts.map((a) => `${a.metric.alertname} ${a.metric.alertstate}`)).toEqual([]);
    });

    test("the LLM service stops answering: LLMServiceDown reaches the webhook", async () => {
      exporter.fail();
      const names = await waitFor(
        "LLMServiceDown at the webhook",
        async () => {
          const seen = hook.bodies.flatMap(firingAlertNames);
          return seen.includes("LLMServiceDown") ? seen : undefined;
        },
        { timeoutMs: 60_000, context: () => running.map((p) => p.output()).join("\n").slice(-4000) },
      );
      expect(names).toContain("LLMServiceDown");
    });
  });
}

// Alertmanager's JSON webhook: { alerts: [{ status, labels: { alertname, severity, ... } }] }.
deliverySuite("webhook", (body) =>
  (body.alerts as { status: string; labels: Record<string, string> }[]).filter((a) => a.status === "firing").map((a) => a.labels.alertname!),
);

// A Slack-compatible webhook, its URL read from the secret file through api_url_file.
deliverySuite("slack", (body) => {
  const text = JSON.stringify(body);
  return text.includes("FIRING") ? [...text.matchAll(/\] (\w+)/g)].map((match) => match[1]!) : [];
});
