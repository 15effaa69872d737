import {
  DashboardBuilder,
  DashboardCursorSync,
  type AnnotationQueryBuilder,
  type Dashboard,
  type QueryVariableBuilder,
} from "@grafana/grafana-foundation-sdk/dashboard";
import type { Panel } from "./panels.ts";

export interface DashboardSpec {
  /** Stable: links, bookmarks and provisioning refer to it. */
  uid: string;
  title: string;
  description: string;
  from: string;
  variables: QueryVariableBuilder[];
  annotations: AnnotationQueryBuilder[];
  panels: Panel[];
}

/** A provisioned dashboard: numbered panels laid out left to right, read-only in the UI. */
export function buildDashboard(spec: DashboardSpec): Dashboard {
  const builder = new DashboardBuilder(spec.title)
    .uid(spec.uid)
    .description(spec.description)
    .tags(["llmobs", "generated"])
    .readonly()
    .timezone("browser")
    .time({ from: spec.from, to: "now" })
    .refresh("30s")
    .tooltip(DashboardCursorSync.Crosshair);
  for (const variable of spec.variables) builder.withVariable(variable);
  for (const annotation of spec.annotations) builder.annotation(annotation);
  spec.panels.forEach((panel, index) => builder.withPanel(panel.id(index + 1)));
  return builder.build();
}

/** A dashboard as Grafana provisions it: a JSON file. */
export interface DashboardFile {
  /** File name under dashboards/, e.g. "llm-usage.json". */
  name: string;
  content: string;
}

export function dashboardFile(name: string, dashboard: Dashboard): DashboardFile {
  return { name, content: `${JSON.stringify(dashboard, null, 2)}\n` };
}
