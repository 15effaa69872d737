import { beforeAll, expect, test } from "vitest";
import { load } from "js-yaml";
import { runProgram, type ProgramRun } from "../support/pulumi/program.ts";

const CONTAINER = "docker:index/container:Container";

/** The Docker stack with node-exporter on the host's network (a Linux engine), on a port of its own. */
let run: ProgramRun;

beforeAll(async () => {
  run = await runProgram("program/index.ts", { "llmobs:target": "docker", "llmobs:nodeExporter": { hostNetwork: true, port: 9101 } });
});

const nodeExporter = () => run.named(CONTAINER, "node-exporter").inputs;

test("node-exporter joins the host's network, so its network counters are the host's, and no other network", () => {
  expect(nodeExporter().networkMode).toBe("host");
  expect(nodeExporter().networksAdvanced).toBeUndefined();
  expect(nodeExporter().ports ?? []).toEqual([]);
  for (const name of ["prometheus", "grafana", "jaeger", "alertmanager"]) expect(run.named(CONTAINER, name).inputs.networkMode, name).toBeUndefined();
});

test("it listens only where containers reach the host, not on every interface of the machine", () => {
  expect(nodeExporter().command).toContain("--web.listen-address=host.docker.internal:9101");
  expect(nodeExporter().hosts).toEqual([{ host: "host.docker.internal", ip: "host-gateway" }]);
  expect(nodeExporter().healthcheck.tests.join(" ")).toContain("http://host.docker.internal:9101/");
});

test("Prometheus scrapes it at host.docker.internal", () => {
  const prometheus = run.named(CONTAINER, "prometheus").inputs;
  const yml = load(prometheus.uploads.find((u: any) => u.file === "/etc/prometheus/prometheus.yml").content) as any;
  const job = yml.scrape_configs.find((j: any) => j.job_name === "node-exporter");
  expect(job.static_configs).toEqual([{ targets: ["host.docker.internal:9101"] }]);
  expect(prometheus.hosts).toEqual([{ host: "host.docker.internal", ip: "host-gateway" }]);
});

test("the Host dashboard's network panel says the traffic is the host's", () => {
  const grafana = run.named(CONTAINER, "grafana").inputs;
  const host = JSON.parse(grafana.uploads.find((u: any) => u.file.endsWith("/host.json")).content);
  const panel = host.panels.find((p: any) => p.title === "Network I/O");
  expect(panel.description).toMatch(/^Bytes received and sent per second by the host's interfaces/);
});
