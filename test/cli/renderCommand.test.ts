import { describe, expect, test } from "vitest";
import { existsSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readStackFile, readStackFileWithUnsetSecrets } from "../../config/fromStackFile.ts";
import { describeStack } from "../../components/stack.ts";
import { renderedFiles } from "../../components/renderedFiles.ts";
import { runScript } from "../support/cli/runScript.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";

describe("npm run render", () => {
  test("writes every generated file, byte for byte what the program ships", () => {
    const out = mkdtempSync(join(tmpdir(), "llmobs-render-"));
    const result = runScript("render.ts", ["--out", out]);
    expect(result.status, result.stderr).toBe(0);
    const expected = renderedFiles(describeStack(readStackFile("local", STACK_FACTS)));
    for (const path of [
      "prometheus/prometheus.yml",
      "prometheus/rules/stack-health.yml",
      "grafana/provisioning/datasources/llmobs.yml",
      "grafana/provisioning/dashboards/llmobs.yml",
      "jaeger/config.yaml",
    ]) {
      expect(expected.map((file) => file.path)).toContain(path);
    }
    for (const file of expected) {
      expect(readFileSync(join(out, file.path), "utf8"), file.path).toBe(file.content);
    }
  });

  test("--stack cluster writes the cluster stack's files, with Kubernetes discovery in prometheus.yml", () => {
    const out = mkdtempSync(join(tmpdir(), "llmobs-render-"));
    const result = runScript("render.ts", ["--out", out, "--stack", "cluster"]);
    expect(result.status, result.stderr).toBe(0);
    const expected = renderedFiles(describeStack(readStackFile("cluster", STACK_FACTS)));
    for (const file of expected) expect(readFileSync(join(out, file.path), "utf8"), file.path).toBe(file.content);
    expect(readFileSync(join(out, "prometheus/prometheus.yml"), "utf8")).toContain("kubernetes_sd_configs");
  });

  test("--stack cluster-ha renders before its secrets are set, naming each one npm run up will need", () => {
    const out = mkdtempSync(join(tmpdir(), "llmobs-render-"));
    const result = runScript("render.ts", ["--out", out, "--stack", "cluster-ha"]);
    expect(result.status, result.stderr).toBe(0);
    const expected = renderedFiles(describeStack(readStackFileWithUnsetSecrets("cluster-ha", STACK_FACTS).config));
    for (const file of expected) expect(readFileSync(join(out, file.path), "utf8"), file.path).toBe(file.content);
    for (const secret of ["prometheusRemoteWritePassword", "jaegerStoragePassword", "grafanaDatabasePassword"]) {
      expect(result.stderr).toContain(`warning: rendered without a secret npm run up needs:`);
      expect(result.stderr).toContain(`pulumi config set --secret llmobs:${secret} <value>`);
    }
  });

  test("removes what an earlier render wrote and is no longer generated, and nothing else", () => {
    const out = mkdtempSync(join(tmpdir(), "llmobs-render-"));
    mkdirSync(join(out, "prometheus/rules"), { recursive: true });
    writeFileSync(join(out, "prometheus/rules/old.yml"), "groups: []\n");
    writeFileSync(join(out, "prometheus/rules/mine.yml"), "groups: []\n");
    writeFileSync(join(out, ".llmobs-render.json"), JSON.stringify({ files: ["prometheus/rules/old.yml"] }));
    const result = runScript("render.ts", ["--out", out]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain("removed");
    expect(existsSync(join(out, "prometheus/rules/old.yml"))).toBe(false);
    expect(existsSync(join(out, "prometheus/rules/mine.yml"))).toBe(true);
  });

  test("without --out: usage, exit 2", () => {
    const result = runScript("render.ts", []);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("--out DIR is required");
    expect(result.stderr).toContain("usage: npm run render");
  });

  test("an unknown flag: usage, exit 2", () => {
    const result = runScript("render.ts", ["--out", "/tmp/x", "--stak", "local"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("usage: npm run render");
  });

  test("an unknown stack: says how to create it, exit 2", () => {
    const result = runScript("render.ts", ["--out", mkdtempSync(join(tmpdir(), "llmobs-render-")), "--stack", "staging"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('No stack "staging"');
    expect(result.stderr).toContain("pulumi stack init staging");
  });
});
