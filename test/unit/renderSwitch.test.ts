import { afterAll, describe, expect, test } from "vitest";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { STACK_FACTS } from "../../components/factsForConfig.ts";
import { parseStackConfig } from "../../config/parse.ts";
import { renderSwitchProblem } from "../../cli/up/renderSwitch.ts";

const project = mkdtempSync(join(tmpdir(), "llmobs-render-switch-"));
afterAll(() => rmSync(project, { recursive: true, force: true }));

const cluster = (render: Record<string, unknown> = {}) => parseStackConfig({ values: { target: "kubernetes", kubernetes: { render } }, secrets: {} }, STACK_FACTS);
const applied = { kubernetesNamespace: "llmobs" };
const rendered = (directory: string) => ({ kubernetesNamespace: "llmobs", renderedManifests: directory });

describe("npm run up stops before a switch the provider would take as a change of itself alone", () => {
  test("nothing deployed yet (or destroyed): anything goes", () => {
    expect(renderSwitchProblem({}, cluster({ directory: "rendered/cluster" }), "cluster", project)).toBeUndefined();
    expect(renderSwitchProblem({}, cluster(), "cluster", project)).toBeUndefined();
  });

  test("the same place as last time: no problem", () => {
    expect(renderSwitchProblem(applied, cluster(), "cluster", project)).toBeUndefined();
    expect(renderSwitchProblem(rendered("rendered/cluster"), cluster({ directory: "rendered/cluster" }), "cluster", project)).toBeUndefined();
  });

  test("rendering turned off: refused, nothing would be applied", () => {
    expect(renderSwitchProblem(rendered("rendered/cluster"), cluster(), "cluster", project)).toMatch(/would apply nothing to the cluster.*pulumi destroy --stack cluster/);
  });

  test("rendering turned on for a stack in a cluster: refused", () => {
    expect(renderSwitchProblem(applied, cluster({ directory: "rendered/cluster" }), "cluster", project)).toMatch(/deployed to a cluster.*render nothing/);
  });

  test("another directory: refused until the files are moved there, then allowed", () => {
    expect(renderSwitchProblem(rendered("old"), cluster({ directory: "new" }), "cluster", project)).toMatch(/Move the directory first \(`mv old new`/);
    mkdirSync(join(project, "new", "1-manifest"), { recursive: true });
    expect(renderSwitchProblem(rendered("old"), cluster({ directory: "new" }), "cluster", project)).toBeUndefined();
  });

  test("the Docker stack is not concerned", () => {
    const docker = parseStackConfig({ values: {}, secrets: {} }, STACK_FACTS);
    expect(renderSwitchProblem(rendered("x"), docker, "local", project)).toBeUndefined();
  });
});
