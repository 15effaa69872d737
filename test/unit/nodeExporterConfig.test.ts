import { expect, test } from "vitest";
import { parseStackConfig } from "../../config/parse.ts";
import { type ConfigProblem } from "../../config/problems.ts";
import { configProblems } from "../support/config/configProblems.ts";
import { nodeExporterOnHostNetwork } from "../../config/nodeExporterNetwork.ts";
import { describeStack } from "../../components/stack.ts";
import { kubernetesAccess } from "../../targets/kubernetes/access.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";

const problemsOf = (values: Record<string, unknown>): ConfigProblem[] => configProblems(values);

test("defaults: node-exporter on, on port 9100, on the host's network on Kubernetes only, memory, overlay, kernel and image file systems no disks", () => {
  const docker = parseStackConfig({ values: {}, secrets: {} }, STACK_FACTS);
  expect(docker.nodeExporter).toEqual({ enabled: true, port: 9100, virtualFsTypes: "tmpfs|ramfs|overlay|squashfs|nsfs|proc|sysfs|devtmpfs|autofs" });
  expect(nodeExporterOnHostNetwork(docker)).toBe(false);
  expect(nodeExporterOnHostNetwork(parseStackConfig({ values: { target: "kubernetes" }, secrets: {} }, STACK_FACTS))).toBe(true);
  expect(nodeExporterOnHostNetwork(parseStackConfig({ values: { nodeExporter: { hostNetwork: true } }, secrets: {} }, STACK_FACTS))).toBe(true);
});

test("on Docker's host network node-exporter publishes nothing: a publish port is an error naming both keys", () => {
  const problems = problemsOf({ ports: { nodeExporter: 9100 }, nodeExporter: { hostNetwork: true } });
  expect(problems).toHaveLength(1);
  expect(problems[0]!.key).toBe("llmobs:ports.nodeExporter");
  expect(problems[0]!.message).toContain("9100 is not allowed with nodeExporter.hostNetwork: true");
  expect(problems[0]!.message).toContain("remove ports.nodeExporter");
  expect(problemsOf({ ports: { nodeExporter: 9100 } })).toEqual([]);
});

test("bad node-exporter values name their key and what is allowed", () => {
  const [port] = problemsOf({ nodeExporter: { port: 70000 } });
  expect(port).toMatchObject({ key: "llmobs:nodeExporter.port", value: 70000 });
  expect(port!.message).toContain("a port is an integer from 1 to 65535");
  const [enabled] = problemsOf({ nodeExporter: { enabled: "no" } });
  expect(enabled).toMatchObject({ key: "llmobs:nodeExporter.enabled" });
  expect(enabled!.message).toContain("true or false");
});

test("the network counters leave out virtual interfaces, whose traffic a physical one counts too, and keep the physical ones", () => {
  const d = describeStack(parseStackConfig({ values: { target: "kubernetes" }, secrets: {} }, STACK_FACTS)).components.find((c) => c.name === "node-exporter")!;
  const pattern = d.args.find((arg) => arg.startsWith("--collector.netdev.device-exclude="))!.split(/=(.*)/s)[1]!;
  expect(d.args).toContain(`--collector.netclass.ignored-devices=${pattern}`);
  const excluded = new RegExp(pattern);
  for (const device of ["veth3f2a1c9", "cali1a2b3c4d5e6", "0123456789abcde", "docker0", "br-0123456789ab", "cni0", "cbr0", "flannel.1", "cilium_host", "lxc1234abcd", "vxlan.calico", "tunl0", "kube-ipvs0"]) {
    expect(excluded.test(device), device).toBe(true);
  }
  for (const device of ["eth0", "ens5", "enp0s3", "eno1", "wlan0", "wlp2s0", "bond0", "lo"]) expect(excluded.test(device), device).toBe(false);
});

test("on Kubernetes a node-exporter port to forward is forwarded from its own namespace, host network or not", () => {
  const config = parseStackConfig({ values: { target: "kubernetes", ports: { nodeExporter: 19100 } }, secrets: {} }, STACK_FACTS);
  expect(kubernetesAccess(describeStack(config), config).portForwardCommands["node-exporter"]).toBe(
    "kubectl --namespace llmobs-node-exporter port-forward daemonset/node-exporter 19100:9100",
  );
});
