import { EXEMPLARS_LEGEND } from "../../dashboards/common/queries.ts";
import { instantQuery, type Sample } from "./prometheusApi.ts";

/** The parts of a Grafana dashboard JSON the tests read. */
export interface DashboardJson {
  uid: string;
  title: string;
  panels: PanelJson[];
  templating?: { list: VariableJson[] };
  annotations?: { list: { name: string; expr?: string; datasource?: { uid: string } }[] };
}

export interface PanelJson {
  id: number;
  type: string;
  title: string;
  description?: string;
  datasource?: { type: string; uid: string };
  gridPos: { x: number; y: number; w: number; h: number };
  fieldConfig?: { defaults?: { unit?: string; thresholds?: { steps: { value: number | null; color: string }[] } } };
  targets?: { refId?: string; expr: string; instant?: boolean; exemplar?: boolean; legendFormat?: string; datasource?: { uid: string } }[];
  links?: { title: string; url: string }[];
}

export interface VariableJson {
  name: string;
  type: string;
  query: string | { query: string };
  multi?: boolean;
  includeAll?: boolean;
  allValue?: string;
}

export interface PanelQuery {
  panel: string;
  refId: string;
  expr: string;
  instant: boolean;
}

/** The queries that draw a panel's lines, bars and numbers: every target but those that only ask for exemplars. */
export function panelQueries(dashboard: DashboardJson): PanelQuery[] {
  return targetsOf(dashboard, (target) => !exemplarsOnly(target));
}

/** The targets that ask Prometheus for exemplars and draw nothing themselves (dashboards/common/queries.ts exemplarQuery). */
export function exemplarQueries(dashboard: DashboardJson): PanelQuery[] {
  return targetsOf(dashboard, exemplarsOnly);
}

type TargetJson = NonNullable<PanelJson["targets"]>[number];

function exemplarsOnly(target: TargetJson): boolean {
  return target.exemplar === true && target.legendFormat === EXEMPLARS_LEGEND;
}

function targetsOf(dashboard: DashboardJson, keep: (target: TargetJson) => boolean): PanelQuery[] {
  return dashboard.panels.flatMap((panel) =>
    (panel.targets ?? []).filter(keep).map((target) => ({
      panel: panel.title,
      refId: target.refId ?? "?",
      expr: target.expr,
      instant: target.instant === true,
    })),
  );
}

export interface Interpolation {
  /** The dashboard time range, e.g. "5m". */
  range: string;
  rangeSeconds: number;
  rateInterval: string;
  /** Template variable values; a variable not listed is All (its allValue, ".*"). */
  values?: Record<string, string>;
}

/** Grafana's variable interpolation for Prometheus queries, as far as the dashboards use it. */
export function interpolate(expr: string, how: Interpolation): string {
  return expr
    .replaceAll("$__range_s", String(how.rangeSeconds))
    .replaceAll("$__rate_interval", how.rateInterval)
    .replaceAll("$__range", how.range)
    .replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (whole, name: string) => {
      if (name.startsWith("__")) return whole;
      return how.values?.[name] ?? ".*";
    });
}

export interface RangeSeries {
  metric: Record<string, string>;
  values: [number, string][];
}

export async function rangeQuery(baseUrl: string, expr: string, start: number, end: number, step: number): Promise<RangeSeries[]> {
  const params = new URLSearchParams({ query: expr, start: String(start), end: String(end), step: String(step) });
  const response = await fetch(`${baseUrl}/api/v1/query_range?${params}`);
  const body = (await response.json()) as { status: string; data?: { result: RangeSeries[] }; error?: string };
  if (body.status !== "success") throw new Error(`range query failed: ${expr}: ${body.error}`);
  return body.data!.result;
}

/** Runs a panel query the way Grafana would: instant at the end of the range, or as a range query. */
export async function runPanelQuery(
  baseUrl: string,
  query: PanelQuery,
  how: Interpolation,
): Promise<{ expr: string; samples: Sample[] | RangeSeries[] }> {
  const expr = interpolate(query.expr, how);
  const end = Date.now() / 1000;
  if (query.instant) return { expr, samples: await instantQuery(baseUrl, expr, end) };
  return { expr, samples: await rangeQuery(baseUrl, expr, end - how.rangeSeconds, end, 1) };
}

/** A query variable's values, the way Grafana's Prometheus datasource resolves label_values(). */
export async function variableValues(baseUrl: string, variable: VariableJson, how: Interpolation): Promise<string[]> {
  const query = typeof variable.query === "string" ? variable.query : variable.query.query;
  const match = /^label_values\((?:(.+),\s*)?([A-Za-z_][A-Za-z0-9_]*)\)$/.exec(query.trim());
  if (!match) throw new Error(`unsupported variable query: ${query}`);
  const [, selector, label] = match;
  const end = Date.now() / 1000;
  const params = new URLSearchParams({ start: String(end - how.rangeSeconds), end: String(end) });
  if (selector) params.append("match[]", interpolate(selector, how));
  const response = await fetch(`${baseUrl}/api/v1/label/${label}/values?${params}`);
  const body = (await response.json()) as { status: string; data: string[]; error?: string };
  if (body.status !== "success") throw new Error(`label values failed: ${query}: ${body.error}`);
  return body.data;
}

export function hasData(samples: Sample[] | RangeSeries[]): boolean {
  return samples.some((sample) =>
    "values" in sample ? sample.values.some(([, v]) => Number.isFinite(Number(v))) : Number.isFinite(Number(sample.value[1])),
  );
}
