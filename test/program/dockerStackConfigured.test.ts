import { beforeAll, expect, test } from "vitest";
import { plainStrings, runProgram, type ProgramRun } from "../support/pulumi/program.ts";

const CONTAINER = "docker:index/container:Container";
const GIVEN_PASSWORD = "a-password-the-user-chose";
const WEBHOOK_URL = "https://hooks.example.com/services/T0/B0/secret-token";

let run: ProgramRun;

beforeAll(async () => {
  run = await runProgram(
    "program/index.ts",
    {
      "llmobs:target": "docker",
      "llmobs:namePrefix": "team-a",
      "llmobs:bindAddress": "0.0.0.0",
      "llmobs:ports": { grafana: 3300, nodeExporter: 9100 },
      "llmobs:images": { grafana: "grafana/grafana:12.2.0" },
      "llmobs:llmService": { jobName: "gateway", targets: ["10.0.0.7:9464", "10.0.0.8:9464"], metricsPath: "/prom" },
      "llmobs:dataEpochs": { grafana: 2 },
      "llmobs:grafanaAdminPassword": GIVEN_PASSWORD,
      "llmobs:alertmanagerWebhookUrl": WEBHOOK_URL,
    },
    { secretKeys: ["llmobs:grafanaAdminPassword", "llmobs:alertmanagerWebhookUrl"] },
  );
});

test("config changes names, addresses, ports and images", () => {
  const grafana = run.named(CONTAINER, "grafana").inputs;
  expect(grafana.name).toBe("team-a-grafana");
  expect(grafana.ports).toEqual([{ internal: 3000, external: 3300, ip: "0.0.0.0", protocol: "tcp" }]);
  expect(run.named("docker:index/remoteImage:RemoteImage", "grafana-image").inputs.name).toBe("grafana/grafana:12.2.0");
  expect(run.named("docker:index/network:Network", "network").inputs.name).toBe("team-a-net");
  expect(run.outputs.grafanaUrl).toBe("http://localhost:3300");
});

test("node-exporter is published when its port is set", () => {
  expect(run.named(CONTAINER, "node-exporter").inputs.ports).toEqual([
    { internal: 9100, external: 9100, ip: "0.0.0.0", protocol: "tcp" },
  ]);
});

test("the LLM service job and targets reach prometheus.yml", () => {
  const prometheusYml = run
    .named(CONTAINER, "prometheus")
    .inputs.uploads.find((u: any) => u.file === "/etc/prometheus/prometheus.yml").content as string;
  expect(prometheusYml).toContain("job_name: gateway");
  expect(prometheusYml).toContain("metrics_path: /prom");
  expect(prometheusYml).toContain("- 10.0.0.7:9464");
  expect(prometheusYml).toContain("- 10.0.0.8:9464");
});

test("a bumped data epoch is a new volume, mounted where the data lives", () => {
  const volume = run.named("docker:index/volume:Volume", "grafana-data");
  expect(volume.inputs.name).toBe("team-a-grafana-data-2");
  expect(volume.options.replacementTrigger).toBe(2);
  expect(run.named(CONTAINER, "grafana").inputs.mounts).toContainEqual({
    type: "volume",
    source: "team-a-grafana-data-2",
    target: "/var/lib/grafana",
  });
  expect(run.named("docker:index/volume:Volume", "prometheus-data").inputs.name).toBe("team-a-prometheus-data");
});

test("a given password is used as is, generated none, and stays secret", () => {
  expect(run.ofType("random:index/randomPassword:RandomPassword")).toEqual([]);
  const upload = run.named(CONTAINER, "grafana").inputs.uploads.find((u: any) => u.file.endsWith("admin-password"));
  expect(upload.content).toBe(GIVEN_PASSWORD);
  for (const resource of run.resources) expect(plainStrings(resource.wireInputs)).not.toContain(GIVEN_PASSWORD);
  expect(run.secretOutputs).toContain("grafanaAdminPassword");
});

test("a webhook URL reaches Alertmanager as a secret file, never in plain text", () => {
  const alertmanager = run.named(CONTAINER, "alertmanager").inputs;
  const upload = alertmanager.uploads.find((u: any) => u.file === "/etc/alertmanager/secrets/webhook-url");
  expect(upload).toMatchObject({ content: WEBHOOK_URL, permissions: "0440", owner: "65534", group: "65534" });
  // Readable through the root group too, should the provider leave the file root:root.
  expect(alertmanager.groupAdds).toEqual(["0"]);
  expect(alertmanager.healthcheck.tests[1]).toContain("test -r /etc/alertmanager/secrets/webhook-url");
  const config = alertmanager.uploads.find((u: any) => u.file === "/etc/alertmanager/alertmanager.yml").content as string;
  expect(config).toContain("url_file: /etc/alertmanager/secrets/webhook-url");
  for (const resource of run.resources) {
    expect(plainStrings(resource.wireInputs).filter((s) => s.includes("secret-token")), `${resource.type} ${resource.name}`).toEqual([]);
  }
});
