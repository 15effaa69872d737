import { describe, expect, test } from "vitest";
import { parseStackConfig } from "../../config/parse.ts";
import { renderDashboards } from "../../dashboards/index.ts";
import { DATASOURCE_UIDS } from "../../dashboards/common/datasourceUids.ts";
import { BUDGET_ALERTS } from "../../rules/names.ts";
import type { DashboardJson, PanelJson } from "../../cli/local/grafanaQueries.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";

const config = parseStackConfig({ values: {}, secrets: {} }, STACK_FACTS);
const dashboards = renderDashboards(config).map((file) => ({ file: file.name, json: JSON.parse(file.content) as DashboardJson }));
const panels = dashboards.flatMap(({ file, json }) => json.panels.map((panel) => [`${file}: ${panel.title}`, panel] as const));

function byTitle(file: string, title: string): PanelJson {
  const panel = dashboards.find((d) => d.file === file)!.json.panels.find((p) => p.title === title);
  if (!panel) throw new Error(`${file} has no panel ${title}`);
  return panel;
}

function overlaps(a: PanelJson["gridPos"], b: PanelJson["gridPos"]): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

describe("the rendered dashboards", () => {
  test("have stable uids and titles", () => {
    expect(dashboards.map(({ file, json }) => [file, json.uid, json.title])).toEqual([
      ["llm-usage.json", "llmobs-llm-usage", "LLM Usage & Cost"],
      ["llm-performance.json", "llmobs-llm-performance", "LLM Performance"],
      ["llm-proxy.json", "llmobs-llm-proxy", "LLM Proxy"],
      ["host.json", "llmobs-host", "Host"],
    ]);
  });

  test.each(panels)("%s has a datasource, targets, a title, a description and a unit", (_, panel) => {
    expect(panel.datasource).toEqual({ type: "prometheus", uid: DATASOURCE_UIDS.prometheus });
    expect(panel.title.length).toBeGreaterThan(0);
    expect(panel.description?.length ?? 0).toBeGreaterThan(10);
    expect(panel.fieldConfig?.defaults?.unit).toMatch(/\S/);
    expect(panel.targets?.length ?? 0).toBeGreaterThan(0);
    for (const target of panel.targets!) {
      expect(target.expr).toMatch(/\S/);
      expect(target.datasource?.uid).toBe(DATASOURCE_UIDS.prometheus);
    }
    const refIds = panel.targets!.map((target) => target.refId);
    expect(new Set(refIds).size).toBe(refIds.length);
  });

  test.each(dashboards.map(({ file, json }) => [file, json] as const))("%s: no duplicate ids, no overlapping panels, inside 24 columns", (_, json) => {
    const ids = json.panels.map((panel) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
    json.panels.forEach((a, i) => {
      expect(a.gridPos.x + a.gridPos.w).toBeLessThanOrEqual(24);
      json.panels.slice(i + 1).forEach((b) => expect(overlaps(a.gridPos, b.gridPos), `${a.title} / ${b.title}`).toBe(false));
    });
  });

  test("no panel names a job but through the service variable; only the service variable names the configured jobs", () => {
    for (const { json } of dashboards) {
      for (const panel of json.panels) for (const target of panel.targets ?? []) expect(target.expr.replaceAll('job=~"$job"', "")).not.toMatch(/\bjob\s*[=!]/);
      for (const variable of json.templating?.list ?? []) {
        const query = JSON.stringify(variable.query).replaceAll('job=~\\"$job\\"', "");
        if (variable.name === "job") expect(variable.query).toBe('label_values(up{job="llm-service"}, job)');
        else expect(query).not.toMatch(/\bjob\s*[=!]/);
      }
    }
  });

  test("every LLM dashboard has the service (job) variable first, multi-value with All", () => {
    for (const { file, json } of dashboards.filter(({ file }) => file.startsWith("llm-"))) {
      expect(json.templating!.list[0], file).toMatchObject({ name: "job", label: "Service", multi: true, includeAll: true, allValue: ".*" });
    }
  });

  test("the usage dashboard filters by service, agent_id, model and provider, multi-value with All", () => {
    const variables = dashboards[0]!.json.templating!.list;
    expect(variables.map((v) => v.name)).toEqual(["job", "agent_id", "model", "provider"]);
    for (const variable of variables) expect(variable).toMatchObject({ multi: true, includeAll: true, allValue: ".*" });
  });

  test("the usage dashboard annotates deployments and the budget alerts", () => {
    const annotations = dashboards[0]!.json.annotations!.list;
    expect(annotations.map((a) => a.name)).toEqual(["Deployments", "Budget alerts"]);
    expect(annotations[0]!.expr).toBe('changes(process_start_time_seconds{job="llm-service"}[2m]) > 0');
    for (const name of Object.values(BUDGET_ALERTS)) expect(annotations[1]!.expr).toContain(name);
    expect(annotations[1]!.expr).toContain("ALERTS{");
  });

  test("Total Cost 24h turns yellow at 80% and red at 100% of the daily budget", () => {
    const steps = byTitle("llm-usage.json", "Total Cost 24h").fieldConfig!.defaults!.thresholds!.steps;
    expect(steps).toEqual([
      { value: null, color: "green" },
      { value: 80, color: "yellow" },
      { value: 100, color: "red" },
    ]);
  });

  test("latency panels link to the Jaeger datasource", () => {
    for (const [file, title] of [
      ["llm-usage.json", "Request Latency Distribution"],
      ["llm-performance.json", "Time to First Token"],
      ["llm-performance.json", "Request Duration"],
    ] as const) {
      const link = byTitle(file, title).links?.[0];
      expect(link?.url).toContain(encodeURIComponent(`"datasource":"${DATASOURCE_UIDS.jaeger}"`));
      expect(link?.url).toContain("${__from}");
    }
  });
});

describe("thresholds come from the stack config", () => {
  const custom = parseStackConfig({
    values: { thresholds: { slowTokenRate: 20, criticalTokenRate: 8, slowRequestSeconds: 3, criticalRequestSeconds: 6, dailyBudgetUsd: 500 } },
    secrets: {},
  }, STACK_FACTS);
  const rendered = Object.fromEntries(renderDashboards(custom).map((file) => [file.name, JSON.parse(file.content) as DashboardJson]));
  const stepsOf = (file: string, title: string) =>
    rendered[file]!.panels.find((p) => p.title === title)!.fieldConfig!.defaults!.thresholds!.steps.map((s) => s.value);

  test("token rate lines at the slow and critical rates", () => {
    expect(stepsOf("llm-performance.json", "Token Generation Rate")).toEqual([null, 8, 20]);
  });

  test("request duration lines at the slow and critical durations", () => {
    expect(stepsOf("llm-performance.json", "Request Duration")).toEqual([null, 3, 6]);
  });

  test("the daily budget", () => {
    expect(stepsOf("llm-usage.json", "Total Cost 24h")).toEqual([null, 400, 500]);
  });

  test("defaults are seed 000's: 10 and 5 tokens/s, 5 and 10 seconds", () => {
    expect(byTitle("llm-performance.json", "Token Generation Rate").fieldConfig!.defaults!.thresholds!.steps.map((s) => s.value)).toEqual([null, 5, 10]);
    expect(byTitle("llm-performance.json", "Request Duration").fieldConfig!.defaults!.thresholds!.steps.map((s) => s.value)).toEqual([null, 5, 10]);
  });
});

describe("host panels draw the host alerts' thresholds", () => {
  const custom = parseStackConfig({ values: { thresholds: { hostMemoryPercent: 85, hostFilesystemPercent: 75, hostFileDescriptorPercent: 60 } }, secrets: {} }, STACK_FACTS);
  const rendered = Object.fromEntries(renderDashboards(custom).map((file) => [file.name, JSON.parse(file.content) as DashboardJson]));
  const panelOf = (file: string, title: string) => rendered[file]!.panels.find((p) => p.title === title)!;
  const stepsOf = (panel: PanelJson) => panel.fieldConfig!.defaults!.thresholds!.steps.map((s) => [s.value, s.color]);
  const HOST_PANELS = [
    ["host.json", "Memory Usage", 85],
    ["host.json", "Filesystem Usage", 75],
    ["host.json", "File Descriptors", 60],
    ["llm-proxy.json", "Host Memory", 85],
    ["llm-proxy.json", "Host File Descriptors", 60],
  ] as const;

  test.each(HOST_PANELS)("%s %s: yellow from the alert's threshold (%s%), red when all is spent, dashed", (file, title, percent) => {
    const panel = panelOf(file, title);
    expect(stepsOf(panel)).toEqual([[null, "green"], [percent / 100, "yellow"], [1, "red"]]);
    expect(JSON.stringify(panel.fieldConfig!.defaults)).toContain('"thresholdsStyle":{"mode":"dashed"}');
    expect(panel.description).toContain(`${percent}%`);
  });

  test("by default each at 90%", () => {
    for (const [file, title] of HOST_PANELS) expect(byTitle(file, title).fieldConfig!.defaults!.thresholds!.steps.map((s) => s.value)).toEqual([null, 0.9, 1]);
  });
});

describe("teams", () => {
  test("an explicit assignment wins over the pattern", () => {
    const custom = parseStackConfig({ values: { dashboards: { teams: { agents: { "agent.svea.pm": "platform" } } } }, secrets: {} }, STACK_FACTS);
    const pie = JSON.parse(renderDashboards(custom)[0]!.content) as DashboardJson;
    const expr = pie.panels.find((p) => p.title === "Cost per Team")!.targets![0]!.expr;
    expect(expr).toContain('"team", "platform", "agent_id", "agent\\\\.svea\\\\.pm"');
  });
});

describe("host file systems", () => {
  const exprOf = (values: Record<string, unknown>) => {
    const custom = parseStackConfig({ values, secrets: {} }, STACK_FACTS);
    const host = JSON.parse(renderDashboards(custom).find((file) => file.name === "host.json")!.content) as DashboardJson;
    return host.panels.find((p) => p.title === "Filesystem Usage")!.targets![0]!.expr;
  };

  test("by default the panel leaves out memory, overlay, kernel and image file systems", () => {
    expect(exprOf({})).toBe(
      '1 - node_filesystem_avail_bytes{instance=~"$instance", fstype!~"tmpfs|ramfs|overlay|squashfs|nsfs|proc|sysfs|devtmpfs|autofs"} / ' +
        'node_filesystem_size_bytes{instance=~"$instance", fstype!~"tmpfs|ramfs|overlay|squashfs|nsfs|proc|sysfs|devtmpfs|autofs"}',
    );
  });

  test("the types left out are the config's, quoted as a PromQL string", () => {
    expect(exprOf({ nodeExporter: { virtualFsTypes: 'tmpfs|fuse\\..*' } })).toContain('fstype!~"tmpfs|fuse\\\\..*"');
  });
});
