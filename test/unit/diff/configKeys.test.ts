import { describe, expect, test } from "vitest";
import { parseStackConfig } from "../../../config/parse.ts";
import { describeStack } from "../../../components/stack.ts";
import { renderedFiles } from "../../../components/renderedFiles.ts";
import { compareConfigFile } from "../../../cli/diff/configKeys.ts";
import { STACK_FACTS } from "../../../components/factsForConfig.ts";

function rendered(path: string, values: Record<string, unknown> = {}): string {
  const file = renderedFiles(describeStack(parseStackConfig({ values, secrets: {} }, STACK_FACTS))).find((candidate) => candidate.path === path);
  if (!file) throw new Error(`the stack renders no ${path} any more: update this test`);
  return file.content;
}

describe("compareConfigFile", () => {
  test("Prometheus: the changed keys, by path", () => {
    const diff = compareConfigFile(
      "prometheus/prometheus.yml",
      rendered("prometheus/prometheus.yml"),
      rendered("prometheus/prometheus.yml", { prometheus: { scrapeInterval: "30s" }, llmService: { jobName: "chat" } }),
    );
    expect(diff?.status).toBe("changed");
    expect(diff?.changes.map(({ path, kind }) => [path, kind])).toEqual([
      ["global.scrape_interval", "changed"],
      ["scrape_configs[job_name=llm-service]", "removed"],
      ["scrape_configs[job_name=chat]", "added"],
    ]);
  });

  test("Jaeger: a changed retention", () => {
    const diff = compareConfigFile("jaeger/config.yaml", rendered("jaeger/config.yaml"), rendered("jaeger/config.yaml", { jaeger: { spanRetention: "72h" } }));
    expect(diff?.changes).toEqual([
      { path: "extensions.jaeger_storage.backends.badger_store.badger.ttl.spans", kind: "changed", before: "168h", after: "72h" },
    ]);
  });

  test("comments and formatting are not changes", () => {
    expect(compareConfigFile("a.yml", "# one\na:   1\n", "# two\na: 1\n")).toBeUndefined();
  });

  test("a new file, a removed one, and a file that is not YAML", () => {
    expect(compareConfigFile("alertmanager/alertmanager.yml", undefined, "route: {}\n")).toEqual({ file: "alertmanager/alertmanager.yml", status: "added", changes: [] });
    expect(compareConfigFile("x.yml", "a: 1\n", undefined)).toEqual({ file: "x.yml", status: "removed", changes: [] });
    expect(compareConfigFile("x.tmpl", "{{ define: [", "{{ define: [[")).toEqual({ file: "x.tmpl", status: "changed", changes: [], textOnly: true });
  });
});
