import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative, sep } from "node:path";
import ts from "typescript";
import { REPO_ROOT } from "../cli/runScript.ts";

/**
 * The project's folders, bottom to top: each may import only from itself and the folders before it.
 * design.md lists synthetic/ after cli/; here it sits below, because cli/bench (and the demo to come) run
 * the synthetic workload, and nothing outside test/ may import test/.
 */
export const LAYERS = [
  { folder: "config", holds: "the one validated schema: every key, its default and its doc; stack-file loading" },
  { folder: "metrics", holds: "the catalog of every emitter's metrics, the canonical series, PromQL helpers" },
  { folder: "rules", holds: "recording, alerting and SLO rules: pure functions of config and catalog" },
  { folder: "dashboards", holds: "dashboards as typed code: pure functions of config and catalog" },
  { folder: "components", holds: "one description per component, and the config files it ships" },
  { folder: "targets", holds: "the descriptions deployed on docker/ and kubernetes/" },
  { folder: "program", holds: "the Pulumi entry point and its outputs" },
  { folder: "stacks", holds: "Pulumi.<stack>.yaml files only" },
  { folder: "synthetic", holds: "the synthetic LLM workload for bench, tests and the demo" },
  { folder: "demo", holds: "the demo LLM service: the synthetic workload instrumented with real libraries, and its fault switches" },
  { folder: "cli", holds: "the user's commands and their option and --help library" },
  { folder: "test", holds: "the tests, by lane, and their support by tool" },
] as const;

export type LayerFolder = (typeof LAYERS)[number]["folder"];

/** Two renderers of the same descriptions: neither may import the other. */
export const SIBLINGS: readonly (readonly [string, string])[] = [["targets/docker/", "targets/kubernetes/"]];

/** Every TypeScript file of the project, relative to its root, with `/` separators. */
export function sourceFiles(): string[] {
  const skipped = new Set(["node_modules", ".git", ".tools", ".pulumi-state", "tools"]);
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(REPO_ROOT, dir), { withFileTypes: true })) {
      const path = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory() && !skipped.has(entry.name)) walk(path);
      else if (entry.isFile() && entry.name.endsWith(".ts")) files.push(path);
    }
  };
  walk("");
  return files.sort();
}

/** The files a source file imports from the project (relative specifiers, static and dynamic), relative to the root. */
export function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(join(REPO_ROOT, file), "utf8"), true, true);
  return info.importedFiles
    .map((imported) => imported.fileName)
    .filter((specifier) => specifier.startsWith("."))
    .map((specifier) => normalize(join(dirname(file), specifier.split("?")[0]!)).split(sep).join("/"));
}

/** The layer a project file belongs to: the index in LAYERS of its top folder, or -1 for a file outside them. */
export function layerOf(file: string): number {
  const top = relative("", file).split("/")[0];
  return LAYERS.findIndex((layer) => layer.folder === top);
}
