import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ProjectCopy } from "../support/cli/projectCopy.ts";

// The user's commands on stack files a person wrote by hand, in a copy of the project so the real stacks/ stays untouched.
describe("the commands on a hand-written stack file", () => {
  let project: ProjectCopy;
  const out = () => mkdtempSync(join(tmpdir(), "llmobs-render-"));

  beforeAll(() => {
    project = new ProjectCopy();
    project.write("stacks/Pulumi.broken.yaml", "config:\n  llmobs:target: docker\n\tllmobs:namePrefix: obs\n");
    project.write("stacks/Pulumi.odd.yaml", "config:\n  llmobs:alerting:\n    groupWait: 10m\n  llmobs:thresholds:\n    hostMemoryPercent: 100\n");
    project.write("stacks/Pulumi.misspelt.yaml", "config:\n  llmbos:namePrefix: obs\n  llmobs:bindAddress: my-laptop\n");
  });
  afterAll(() => project.remove());

  test("YAML that does not parse: file, line, column and the problem, exit 2, no stack trace", () => {
    const result = project.runScript("render.ts", ["--out", out(), "--stack", "broken"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^stacks\/Pulumi\.broken\.yaml:3:1: tab characters must not be used in indentation\n/);
    expect(result.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
    expect(result.stderr.split("\n").length).toBeLessThan(8);
  });

  test("the preflight refuses the same file the same way, before any check runs", () => {
    const result = project.runScript("preflight.ts", ["--stack", "broken"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("stacks/Pulumi.broken.yaml:3:1:");
    expect(result.stdout).not.toContain("Pulumi CLI");
  });

  test("a misspelt namespace and a bad value are reported together, exit 2", () => {
    const result = project.runScript("render.ts", ["--out", out(), "--stack", "misspelt"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("2 problems");
    expect(result.stderr).toContain("llmbos:namePrefix:");
    expect(result.stderr).toContain("llmobs:bindAddress:");
  });

  test("render prints each warning with its key and still renders", () => {
    const result = project.runScript("render.ts", ["--out", out(), "--stack", "odd"]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain("warning: llmobs:alerting.groupWait: 10m is longer than alerting.groupInterval");
    expect(result.stderr).toContain("warning: llmobs:thresholds.hostMemoryPercent: 100");
    expect(result.stdout).toContain("wrote");
  });

  test("the preflight prints the warnings as warn lines", () => {
    const result = project.runScript("preflight.ts", ["--stack", "odd"], { ...process.env, PATH: "/nonexistent" });
    expect(result.stdout).toMatch(/warn config llmobs:alerting\.groupWait: 10m is longer/);
    expect(result.stdout).toMatch(/warn config llmobs:thresholds\.hostMemoryPercent: 100/);
  });
});
