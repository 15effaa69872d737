import { describe, expect, test } from "vitest";
import { load } from "js-yaml";
import { parseStackConfig } from "../../config/parse.ts";
import { describeStack } from "../../components/stack.ts";
import type { ComponentDescription } from "../../components/types.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";

const stack = (values: Record<string, unknown>) => describeStack(parseStackConfig({ values: { target: "kubernetes", ...values }, secrets: {} }, STACK_FACTS));
const componentOf = (values: Record<string, unknown>, name: string): ComponentDescription => stack(values).components.find((c) => c.name === name)!;
const prometheusYml = (values: Record<string, unknown>): any => load(componentOf(values, "prometheus").configFiles.find((f) => f.path === "prometheus.yml")!.content);

describe("Alertmanager replicas", () => {
  test("one instance joins no gossip cluster, has no peer port and sets nothing of its own", () => {
    const alertmanager = componentOf({}, "alertmanager");
    expect(alertmanager.replicas).toBe(1);
    expect(alertmanager.args.filter((arg) => arg.startsWith("--cluster."))).toEqual(["--cluster.listen-address="]);
    expect(alertmanager.peerPorts).toEqual([]);
    expect(alertmanager.replicaEnv).toEqual({});
  });

  test("three gossip on 9094 with every replica by its pod's DNS name, advertising the pod's own address", () => {
    const alertmanager = componentOf({ alertmanager: { replicas: 3 }, kubernetes: { namespace: "obs" } }, "alertmanager");
    expect(alertmanager.replicas).toBe(3);
    expect(alertmanager.args.filter((arg) => arg.startsWith("--cluster."))).toEqual([
      "--cluster.listen-address=0.0.0.0:9094",
      "--cluster.advertise-address=[$(POD_IP)]:9094",
      "--cluster.peer=alertmanager-0.alertmanager-headless.obs.svc:9094",
      "--cluster.peer=alertmanager-1.alertmanager-headless.obs.svc:9094",
      "--cluster.peer=alertmanager-2.alertmanager-headless.obs.svc:9094",
    ]);
    expect(alertmanager.peerPorts).toEqual([
      { name: "cluster-tcp", containerPort: 9094, protocol: "TCP" },
      { name: "cluster-udp", containerPort: 9094, protocol: "UDP" },
    ]);
    expect(alertmanager.replicaEnv).toEqual({ POD_IP: "ip" });
    // Clients still have the one port they had; the config file is the one instance's.
    expect(alertmanager.ports.map((port) => port.name)).toEqual(["http"]);
    expect(alertmanager.configFiles).toEqual(componentOf({ kubernetes: { namespace: "obs" } }, "alertmanager").configFiles);
  });
});

describe("Prometheus and the Alertmanagers", () => {
  test("one Alertmanager: alerts go to its Service, which is scraped; no replica label", () => {
    const yml = prometheusYml({});
    expect(yml.global.external_labels).toBeUndefined();
    expect(yml.alerting).toEqual({ alertmanagers: [{ static_configs: [{ targets: ["alertmanager:9093"] }] }] });
    expect(yml.scrape_configs.find((job: any) => job.job_name === "alertmanager").static_configs).toEqual([{ targets: ["alertmanager:9093"] }]);
  });

  test("three Alertmanagers: each alert goes to every replica by its own name, and each is scraped on its own", () => {
    const yml = prometheusYml({ alertmanager: { replicas: 3 } });
    const replicas = [0, 1, 2].map((n) => `alertmanager-${n}.alertmanager-headless.llmobs.svc:9093`);
    expect(yml.alerting).toEqual({ alertmanagers: [{ static_configs: [{ targets: replicas }] }] });
    expect(yml.scrape_configs.find((job: any) => job.job_name === "alertmanager").static_configs).toEqual([{ targets: replicas }]);
    // Prometheus itself is not replicated: no replica label.
    expect(yml.global.external_labels).toBeUndefined();
  });

  test("a Prometheus HA pair: the replica label from the pod's name, taken off alerts, the rest the one instance's file", () => {
    const pair = componentOf({ prometheus: { replicas: 2 } }, "prometheus");
    expect(pair.replicas).toBe(2);
    expect(pair.replicaEnv).toEqual({ POD_NAME: "name" });
    const yml = prometheusYml({ prometheus: { replicas: 2 } });
    expect(yml.global.external_labels).toEqual({ prometheus_replica: "${POD_NAME}" });
    expect(yml.alerting.alert_relabel_configs).toEqual([{ action: "labeldrop", regex: "prometheus_replica" }]);
    const single = prometheusYml({});
    const { external_labels: _, ...global } = yml.global;
    expect(global).toEqual(single.global);
    expect(yml.alerting.alertmanagers).toEqual(single.alerting.alertmanagers);
    expect(yml.scrape_configs).toEqual(single.scrape_configs);
    // Its rules are the same files.
    expect(pair.configFiles.filter((f) => f.path !== "prometheus.yml")).toEqual(componentOf({}, "prometheus").configFiles.filter((f) => f.path !== "prometheus.yml"));
  });
});
