import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { REPO_ROOT } from "../support/cli/runScript.ts";
import { importsOf, LAYERS, layerOf, SIBLINGS, sourceFiles } from "../support/repository/layers.ts";

/** Files at the project's root that belong to no layer: tool configuration, importing nothing of ours. */
const ROOT_FILES = ["vitest.config.ts", "vitest.engine.config.ts"];

const files = sourceFiles();
const imports = new Map(files.map((file) => [file, importsOf(file)]));

describe("the layers, bottom to top: " + LAYERS.map((layer) => `${layer.folder}/`).join(" "), () => {
  test("every TypeScript file is in a layer's folder", () => {
    expect(files.filter((file) => layerOf(file) === -1 && !ROOT_FILES.includes(file))).toEqual([]);
  });

  test("no import points up the list", () => {
    const upward = files.flatMap((file) =>
      imports
        .get(file)!
        .filter((target) => layerOf(target) > layerOf(file))
        .map((target) => `${file} imports ${target}, a layer above its own (${LAYERS[layerOf(file)]?.folder ?? "the root"}/)`),
    );
    expect(upward).toEqual([]);
  });

  test("nothing outside test/ imports test/", () => {
    const intoTest = files.filter((file) => !file.startsWith("test/")).flatMap((file) => imports.get(file)!.filter((target) => target.startsWith("test/")).map((target) => `${file} -> ${target}`));
    expect(intoTest).toEqual([]);
  });

  test("the Docker and Kubernetes targets import nothing of each other", () => {
    const across = files.flatMap((file) =>
      imports
        .get(file)!
        .filter((target) => SIBLINGS.some(([a, b]) => (file.startsWith(a) && target.startsWith(b)) || (file.startsWith(b) && target.startsWith(a))))
        .map((target) => `${file} -> ${target}`),
    );
    expect(across).toEqual([]);
  });

  test("no two files import each other, however indirectly", () => {
    const cycles: string[] = [];
    const state = new Map<string, "visiting" | "done">();
    const path: string[] = [];
    const visit = (file: string) => {
      state.set(file, "visiting");
      path.push(file);
      for (const target of imports.get(file) ?? []) {
        if (state.get(target) === "visiting") cycles.push([...path.slice(path.indexOf(target)), target].join(" -> "));
        else if (!state.has(target)) visit(target);
      }
      path.pop();
      state.set(file, "done");
    };
    for (const file of files) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });

  test("stacks/ holds only the stack files", () => {
    expect(readdirSync(join(REPO_ROOT, "stacks")).filter((name) => !/^Pulumi\.[A-Za-z0-9_.-]+\.yaml$/.test(name))).toEqual([]);
  });

  test("the checks see what they check: an upward import is caught", () => {
    expect(layerOf("config/schema.ts")).toBeLessThan(layerOf("components/stack.ts"));
    expect(importsOf("program/index.ts")).toContain("components/stack.ts");
  });
});
