import { expect, test } from "vitest";
import { configMapName } from "../../targets/kubernetes/naming.ts";
import { CONFIG_MAP_MAX_BYTES, configMapData, configMapEntries } from "../../targets/kubernetes/configMaps.ts";
import { imageVersion } from "../../targets/kubernetes/podTemplate.ts";
import { parseStackConfig } from "../../config/parse.ts";
import { describeStack } from "../../components/stack.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";

test("a ConfigMap's name follows its contents, not the order of its keys", () => {
  const name = configMapName("grafana", { "a.yml": "one", "b.yml": "two" });
  expect(name).toMatch(/^grafana-config-[0-9a-f]{10}$/);
  expect(configMapName("grafana", { "b.yml": "two", "a.yml": "one" })).toBe(name);
  expect(configMapName("grafana", { "a.yml": "one", "b.yml": "two!" })).not.toBe(name);
  expect(configMapName("grafana", { "a.yml": "one", "b.ym": "ltwo" })).not.toBe(name);
});

test("each config file becomes a ConfigMap key without '/', mounted at its path", () => {
  const stack = describeStack(parseStackConfig({ values: { target: "kubernetes" }, secrets: {} }, STACK_FACTS));
  const grafana = stack.components.find((c) => c.name === "grafana")!;
  const entries = configMapEntries(grafana);
  expect(entries.map((e) => [e.key, e.file.mountPath])).toContainEqual([
    "provisioning__datasources__llmobs.yml",
    "/etc/grafana/provisioning/datasources/llmobs.yml",
  ]);
  for (const { key } of entries) expect(key).toMatch(/^[-._a-zA-Z0-9]+$/);
});

test("two files that would share a key are refused", () => {
  const stack = describeStack(parseStackConfig({ values: {}, secrets: {} }, STACK_FACTS));
  const jaeger = stack.components.find((c) => c.name === "jaeger")!;
  const clash = { ...jaeger, configFiles: [...jaeger.configFiles, { ...jaeger.configFiles[0]!, mountPath: "/other" }] };
  expect(() => configMapEntries(clash)).toThrow(/two config files map to the ConfigMap key config.yaml/);
});

test("the version label comes from the image tag; a digest pin has none", () => {
  expect(imageVersion("prom/prometheus:v3.7.3")).toBe("v3.7.3");
  expect(imageVersion("registry.example.com:5000/mirror/grafana:12.3.1")).toBe("12.3.1");
  expect(imageVersion(`jaegertracing/jaeger@sha256:${"a".repeat(64)}`)).toBeUndefined();
});

test("config files that would not fit in one ConfigMap are refused before anything is sent", () => {
  const file = { path: "big.json", mountPath: "/big.json", content: "x".repeat(CONFIG_MAP_MAX_BYTES) };
  expect(() => configMapData([{ key: "big.json", file }])).toThrow(/more than one ConfigMap holds/);
  expect(configMapData([{ key: "big.json", file: { ...file, content: "x".repeat(1000) } }])["big.json"]).toHaveLength(1000);
});
