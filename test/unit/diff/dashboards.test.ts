import { describe, expect, test } from "vitest";
import { parseStackConfig } from "../../../config/parse.ts";
import { renderDashboards } from "../../../dashboards/index.ts";
import { compareDashboard, compareDashboards, type DashboardJson, type PanelJson } from "../../../cli/diff/dashboards.ts";
import { STACK_FACTS } from "../../../components/factsForConfig.ts";

function renderedHost(values: Record<string, unknown> = {}): DashboardJson {
  const file = renderDashboards(parseStackConfig({ values, secrets: {} }, STACK_FACTS)).find((dashboard) => dashboard.name === "host.json")!;
  return JSON.parse(file.content) as DashboardJson;
}

function panel(dashboard: DashboardJson, title: string): PanelJson {
  const found = dashboard.panels!.find((candidate) => candidate.title === title);
  if (!found) throw new Error(`the host dashboard has no panel "${title}" any more: update this test`);
  return found;
}

describe("compareDashboard", () => {
  test("the same dashboard: no diff", () => {
    expect(compareDashboard(renderedHost(), renderedHost(), "host.json")).toBeUndefined();
  });

  test("a changed query: its panel and refId, old and new PromQL, and nothing else", () => {
    const after = renderedHost();
    const target = panel(after, "CPU Usage").targets![0]!;
    const oldExpr = target.expr!;
    target.expr = oldExpr.replace('mode="idle"', 'mode=~"idle|iowait"');
    const diff = compareDashboard(renderedHost(), after, "host.json")!;
    expect(diff.panels).toEqual([
      { status: "changed", title: "CPU Usage", queries: [{ refId: "A", before: oldExpr, after: target.expr }], settings: [] },
    ]);
    expect(diff.layoutChanged).toBe(false);
    expect(diff.settings).toEqual([]);
  });

  test("a moved threshold (from config) and a changed unit", () => {
    const after = renderedHost({ thresholds: { hostMemoryPercent: 85 } });
    panel(after, "Disk I/O").fieldConfig!.defaults!.unit = "bytes";
    const diff = compareDashboard(renderedHost(), after, "host.json")!;
    const memory = diff.panels.find((candidate) => candidate.title === "Memory Usage")!;
    expect(memory.thresholds?.before?.steps?.map((step) => step.value)).toEqual([null, 0.9, 1]);
    expect(memory.thresholds?.after?.steps?.map((step) => step.value)).toEqual([null, 0.85, 1]);
    expect(memory.settings.map((change) => change.path)).toEqual(["description"]);
    expect(diff.panels.find((candidate) => candidate.title === "Disk I/O")!.unit).toEqual({ before: "Bps", after: "bytes" });
    expect(diff.panels.map((candidate) => candidate.title)).toEqual(["Memory Usage", "Disk I/O"]);
  });

  test("an inserted panel is one addition: the panels after it are renumbered and moved, but not reported one by one", () => {
    const before = renderedHost();
    const after = renderedHost();
    const inserted: PanelJson = {
      ...structuredClone(panel(after, "CPU Usage")),
      title: "Swap Usage",
      targets: [{ refId: "A", expr: "node_memory_SwapFree_bytes" }],
    };
    after.panels!.splice(1, 0, inserted);
    after.panels!.forEach((each, index) => {
      each.id = index + 1;
      each.gridPos = { ...each.gridPos!, y: each.gridPos!.y + (index > 1 ? 8 : 0) };
    });
    const diff = compareDashboard(before, after, "host.json")!;
    expect(diff.panels).toEqual([
      {
        status: "added",
        title: "Swap Usage",
        type: { after: "timeseries" },
        unit: { after: "percentunit" },
        queries: [],
        settings: [],
        addedQueries: [{ refId: "A", expr: "node_memory_SwapFree_bytes" }],
      },
    ]);
    expect(diff.layoutChanged).toBe(true);
  });

  test("a removed panel, and a retitled one recognized by its unchanged queries", () => {
    const after = renderedHost();
    after.panels = after.panels!.filter((candidate) => candidate.title !== "File Descriptors");
    panel(after, "Load Average").title = "System Load";
    const diff = compareDashboard(renderedHost(), after, "host.json")!;
    expect(diff.panels.map(({ status, title, renamedFrom }) => ({ status, title, renamedFrom }))).toEqual([
      { status: "removed", title: "File Descriptors", renamedFrom: undefined },
      { status: "changed", title: "System Load", renamedFrom: "Load Average" },
    ]);
  });

  test("a renamed dashboard and a changed variable", () => {
    const after = renderedHost();
    after.title = "Hosts";
    (after.templating as { list: { query: string }[] }).list[0]!.query = "label_values(node_exporter_build_info, instance)";
    const diff = compareDashboard(renderedHost(), after, "host.json")!;
    expect(diff.renamedFrom).toBe("Host");
    expect(diff.title).toBe("Hosts");
    expect(diff.settings).toEqual([
      {
        path: "templating.list[name=instance].query",
        kind: "changed",
        before: "label_values(node_uname_info, instance)",
        after: "label_values(node_exporter_build_info, instance)",
      },
    ]);
  });

  test("panels inside a collapsed row are compared too", () => {
    const row = (expr: string): DashboardJson => ({
      uid: "d",
      title: "D",
      panels: [{ type: "row", title: "Row", panels: [{ title: "Inner", type: "stat", targets: [{ refId: "A", expr }] }] }],
    });
    const diff = compareDashboard(row("a"), row("b"), "d.json")!;
    expect(diff.panels).toEqual([{ status: "changed", title: "Inner", queries: [{ refId: "A", before: "a", after: "b" }], settings: [] }]);
  });
});

describe("compareDashboards", () => {
  test("matched by uid: added and removed dashboards, unchanged ones left out", () => {
    const host = renderedHost();
    const other: DashboardJson = { uid: "other", title: "Other", panels: [{ title: "One", type: "stat" }] };
    const diffs = compareDashboards(
      [{ file: "host.json", json: host }, { file: "gone.json", json: { uid: "gone", title: "Gone", panels: [] } }],
      [{ file: "renamed-file.json", json: renderedHost() }, { file: "other.json", json: other }],
    );
    expect(diffs.map(({ status, uid, title }) => ({ status, uid, title }))).toEqual([
      { status: "removed", uid: "gone", title: "Gone" },
      { status: "added", uid: "other", title: "Other" },
    ]);
    expect(diffs[1]!.panels.map((added) => added.title)).toEqual(["One"]);
  });
});
