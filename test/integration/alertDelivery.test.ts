import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createServer, type Server } from "node:http";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseStackConfig } from "../../stacks/config/parse.ts";
import { describeStack } from "../../stacks/components/stack.ts";
import { renderedFiles } from "../../stacks/render/files.ts";
import { writeRenderedFiles } from "../../stacks/render/write.ts";
import { SERIES } from "../../alerts/recording/canonical.ts";
import { freePort, waitFor, type RunningProcess } from "../support/processes.ts";
import { startAlertmanager, startPrometheus } from "../support/prometheus.ts";
import { instantQuery } from "../support/prometheusApi.ts";
import { startExporter, type SyntheticExporter } from "../support/synthetic/exporter.ts";
import { usageFamilies } from "../support/synthetic/vocabularies.ts";
import { healthyWorkload } from "../support/synthetic/workload.ts";

/**
 * End to end on real processes: a synthetic LLM service scraped by Debian's Prometheus, evaluating the
 * rendered rules and sending to Debian's Alertmanager with the rendered config, which notifies this
 * test's own webhook on loopback. Healthy traffic raises no LLM alert; when the service stops answering,
 * LLMServiceDown reaches the webhook.
 */
interface Hook {
  url: string;
  bodies: unknown[];
  server: Server;
}

function startHook(): Promise<Hook> {
  const bodies: unknown[] = [];
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      bodies.push(JSON.parse(body));
      response.writeHead(200).end("ok");
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve({ url: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/hook`, bodies, server });
    }),
  );
}

function deliverySuite(receiver: "slack" | "webhook", firingAlertNames: (body: any) => string[]) {
  describe(`alert delivery through the ${receiver} receiver`, () => {
    const running: RunningProcess[] = [];
    let hook: Hook;
    let exporter: SyntheticExporter;
    let prometheusUrl: string;

    beforeAll(async () => {
      hook = await startHook();
      exporter = await startExporter((elapsed) => usageFamilies(healthyWorkload(), elapsed));
      const [prometheusPort, alertmanagerPort, unused] = [await freePort(), await freePort(), await freePort()];
      const dir = mkdtempSync(join(tmpdir(), "llmobs-alerts-"));
      const secretFile = join(dir, "webhook-url");
      writeFileSync(secretFile, hook.url);
      const config = parseStackConfig({
        values: {
          prometheus: { scrapeInterval: "1s", evaluationInterval: "1s" },
          llmService: { targets: [exporter.address] },
          thresholds: { targetDownFor: "2s" },
          alerting: { receiver, groupWait: "1s", groupInterval: "1s" },
        },
        secrets: { alertmanagerWebhookUrl: hook.url },
      });
      const ports: Record<string, number> = { prometheus: prometheusPort, alertmanager: alertmanagerPort };
      const stack = describeStack(config, {
        peer: (name) => `127.0.0.1:${ports[name] ?? unused}`,
        loopback: () => `127.0.0.1:${prometheusPort}`,
        secretPath: () => secretFile,
      });
      writeRenderedFiles(renderedFiles(stack), dir);
      const amConfig = join(dir, "alertmanager/alertmanager.yml");
      if (receiver === "webhook") {
        // Debian's Alertmanager 0.25 predates webhook url_file (0.26; the stack pins 0.28): give it the
        // same URL inline. Routing, grouping and the receiver are as rendered.
        writeFileSync(amConfig, readFileSync(amConfig, "utf8").replace(`url_file: ${secretFile}`, `url: ${hook.url}`));
      }
      running.push(await startAlertmanager({ configFile: amConfig, dataDir: join(dir, "am-data"), port: alertmanagerPort }));
      const prometheus = await startPrometheus({ configFile: join(dir, "prometheus/prometheus.yml"), dataDir: join(dir, "data"), port: prometheusPort });
      running.push(prometheus);
      prometheusUrl = prometheus.url;
      await waitFor("the canonical series", async () => ((await instantQuery(prometheusUrl, `count(${SERIES.requests()})`)).length ? true : undefined));
    });

    afterAll(async () => {
      await Promise.all(running.map((process) => process.stop()));
      await exporter?.close();
      hook?.server.close();
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

// A Slack-compatible webhook; the URL really is read from the secret file (api_url_file works in 0.25).
deliverySuite("slack", (body) => {
  const text = JSON.stringify(body);
  return text.includes("FIRING") ? [...text.matchAll(/\] (\w+)/g)].map((match) => match[1]!) : [];
});
