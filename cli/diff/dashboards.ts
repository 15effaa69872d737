import { isDeepStrictEqual } from "node:util";
import { isPlainObject, structuralChanges, without, type ValueChange } from "./structural.ts";

/** A Grafana dashboard as provisioned: only the fields the comparison reads are typed. */
export interface DashboardJson {
  uid?: string;
  title?: string;
  panels?: PanelJson[];
  [key: string]: unknown;
}

export interface PanelJson {
  id?: number;
  title?: string;
  type?: string;
  gridPos?: { x: number; y: number; w: number; h: number };
  targets?: { refId?: string; expr?: string; [key: string]: unknown }[];
  fieldConfig?: { defaults?: { unit?: string; thresholds?: ThresholdsJson; [key: string]: unknown }; [key: string]: unknown };
  /** The panels inside a collapsed row. */
  panels?: PanelJson[];
  [key: string]: unknown;
}

export interface ThresholdsJson {
  mode?: string;
  steps?: { value: number | null; color: string }[];
}

export interface Query {
  refId: string;
  expr: string;
}

export interface QueryChange {
  refId: string;
  /** Absent when the query is new. */
  before?: string;
  /** Absent when the query was removed. */
  after?: string;
}

export interface PanelDiff {
  status: "added" | "removed" | "changed";
  /** The panel's title now (its old title when it was removed). */
  title: string;
  renamedFrom?: string;
  type?: { before?: string; after?: string };
  unit?: { before?: string; after?: string };
  thresholds?: { before?: ThresholdsJson; after?: ThresholdsJson };
  queries: QueryChange[];
  /** Everything else that changed in the panel: description, min and max, legend, options. */
  settings: ValueChange[];
  /** An added panel's queries, so a reviewer sees what it shows. */
  addedQueries?: Query[];
}

export interface DashboardDiff {
  status: "added" | "removed" | "changed";
  uid: string;
  title: string;
  file: string;
  renamedFrom?: string;
  panels: PanelDiff[];
  /** Panels were moved, resized or reordered. */
  layoutChanged: boolean;
  /** Dashboard-level changes: variables, time range, links, tags. */
  settings: ValueChange[];
}

export interface DashboardFileContent {
  file: string;
  json: DashboardJson;
}

/** Every panel, including those inside collapsed rows, in the order Grafana shows them. */
export function allPanels(dashboard: DashboardJson): PanelJson[] {
  return (dashboard.panels ?? []).flatMap((panel) => [panel, ...(panel.panels ?? [])]);
}

function queriesOf(panel: PanelJson): Query[] {
  return (panel.targets ?? [])
    .filter((target) => typeof target.expr === "string")
    .map((target, index) => ({ refId: target.refId ?? `#${index + 1}`, expr: target.expr! }));
}

function titleOf(panel: PanelJson): string {
  return panel.title?.trim() || "(untitled panel)";
}

/**
 * Pairs each old panel with its new self: first by title, then, for what is left, a retitled panel
 * keeps its queries. Panel ids are not used: the SDK numbers panels in order, so an inserted panel
 * renumbers every panel after it.
 */
export function matchPanels(before: PanelJson[], after: PanelJson[]): { pairs: [PanelJson, PanelJson][]; removed: PanelJson[]; added: PanelJson[] } {
  const unmatchedAfter = [...after];
  const pairs: [PanelJson, PanelJson][] = [];
  const unmatchedBefore: PanelJson[] = [];
  for (const panel of before) {
    const index = unmatchedAfter.findIndex((candidate) => titleOf(candidate) === titleOf(panel));
    if (index >= 0) pairs.push([panel, unmatchedAfter.splice(index, 1)[0]!]);
    else unmatchedBefore.push(panel);
  }
  const removed: PanelJson[] = [];
  for (const panel of unmatchedBefore) {
    const queries = queriesOf(panel).map((query) => query.expr);
    const index =
      queries.length === 0 ? -1 : unmatchedAfter.findIndex((candidate) => isDeepStrictEqual(queriesOf(candidate).map((query) => query.expr), queries));
    if (index >= 0) pairs.push([panel, unmatchedAfter.splice(index, 1)[0]!]);
    else removed.push(panel);
  }
  return { pairs, removed, added: unmatchedAfter };
}

function compareQueries(before: PanelJson, after: PanelJson): QueryChange[] {
  const old = new Map(queriesOf(before).map((query) => [query.refId, query.expr]));
  const current = new Map(queriesOf(after).map((query) => [query.refId, query.expr]));
  const changes: QueryChange[] = [];
  for (const [refId, expr] of old) {
    if (!current.has(refId)) changes.push({ refId, before: expr });
    else if (current.get(refId) !== expr) changes.push({ refId, before: expr, after: current.get(refId)! });
  }
  for (const [refId, expr] of current) if (!old.has(refId)) changes.push({ refId, after: expr });
  return changes;
}

/** What the specific fields above already report, and what is layout (reported once per dashboard). */
const REPORTED_SEPARATELY = [
  /^(title|type|id)$/,
  /^panels(\[|$)/,
  /^gridPos(\.|$)/,
  /^fieldConfig\.defaults\.(unit|thresholds)(\.|\[|$)/,
  /^targets\[[^\]]+\](\.expr)?$/,
];

function otherPanelSettings(before: PanelJson, after: PanelJson): ValueChange[] {
  return structuralChanges(before, after).filter((change) => !REPORTED_SEPARATELY.some((pattern) => pattern.test(change.path)));
}

function changed<T>(before: T | undefined, after: T | undefined): { before?: T; after?: T } | undefined {
  return isDeepStrictEqual(before, after) ? undefined : { before, after };
}

export function comparePanels(before: PanelJson, after: PanelJson): PanelDiff | undefined {
  const diff: PanelDiff = {
    status: "changed",
    title: titleOf(after),
    queries: compareQueries(before, after),
    settings: otherPanelSettings(before, after),
  };
  if (titleOf(before) !== titleOf(after)) diff.renamedFrom = titleOf(before);
  const type = changed(before.type, after.type);
  if (type) diff.type = type;
  const unit = changed(before.fieldConfig?.defaults?.unit, after.fieldConfig?.defaults?.unit);
  if (unit) diff.unit = unit;
  const thresholds = changed(before.fieldConfig?.defaults?.thresholds, after.fieldConfig?.defaults?.thresholds);
  if (thresholds) diff.thresholds = thresholds;
  const anything = diff.renamedFrom || type || unit || thresholds || diff.queries.length > 0 || diff.settings.length > 0;
  return anything ? diff : undefined;
}

/** Whether panels that exist on both sides moved, were resized or changed order. */
function layoutChanged(pairs: [PanelJson, PanelJson][], before: PanelJson[], after: PanelJson[]): boolean {
  if (pairs.some(([old, current]) => !isDeepStrictEqual(old.gridPos, current.gridPos))) return true;
  const newPositions = [...pairs]
    .sort(([a], [b]) => before.indexOf(a) - before.indexOf(b))
    .map(([, current]) => after.indexOf(current));
  return newPositions.some((position, index) => index > 0 && position < newPositions[index - 1]!);
}

export function compareDashboard(before: DashboardJson, after: DashboardJson, file: string): DashboardDiff | undefined {
  const beforePanels = allPanels(before);
  const afterPanels = allPanels(after);
  const { pairs, removed, added } = matchPanels(beforePanels, afterPanels);
  const panels: PanelDiff[] = [];
  for (const panel of removed) panels.push({ status: "removed", title: titleOf(panel), queries: [], settings: [] });
  for (const [old, current] of pairs) {
    const diff = comparePanels(old, current);
    if (diff) panels.push(diff);
  }
  for (const panel of added) {
    panels.push({
      status: "added",
      title: titleOf(panel),
      type: { after: panel.type },
      unit: { after: panel.fieldConfig?.defaults?.unit },
      queries: [],
      settings: [],
      addedQueries: queriesOf(panel),
    });
  }
  const settings = structuralChanges(without(before, ["panels", "title"]), without(after, ["panels", "title"]));
  const title = after.title ?? file;
  const diff: DashboardDiff = {
    status: "changed",
    uid: after.uid ?? file,
    title,
    file,
    panels,
    layoutChanged: layoutChanged(pairs, beforePanels, afterPanels),
    settings,
  };
  if ((before.title ?? file) !== title) diff.renamedFrom = before.title ?? file;
  if (panels.length === 0 && settings.length === 0 && !diff.layoutChanged && !diff.renamedFrom) {
    if (isDeepStrictEqual(before, after)) return undefined;
    // Nothing a reviewer reads changed (panel ids, say); still say what did, rather than nothing.
    diff.settings = structuralChanges(before, after);
  }
  return diff;
}

function dashboardKey(content: DashboardFileContent): string {
  return typeof content.json.uid === "string" && content.json.uid !== "" ? content.json.uid : content.file;
}

/** Compares every dashboard, matched by uid (by file name when a dashboard has none). */
export function compareDashboards(before: DashboardFileContent[], after: DashboardFileContent[]): DashboardDiff[] {
  const old = new Map(before.map((content) => [dashboardKey(content), content]));
  const current = new Map(after.map((content) => [dashboardKey(content), content]));
  const diffs: DashboardDiff[] = [];
  for (const [key, content] of old) {
    if (current.has(key)) continue;
    diffs.push({
      status: "removed",
      uid: key,
      title: content.json.title ?? content.file,
      file: content.file,
      panels: [],
      layoutChanged: false,
      settings: [],
    });
  }
  for (const [key, content] of current) {
    const previous = old.get(key);
    if (previous) {
      const diff = compareDashboard(previous.json, content.json, content.file);
      if (diff) diffs.push(diff);
      continue;
    }
    diffs.push({
      status: "added",
      uid: key,
      title: content.json.title ?? content.file,
      file: content.file,
      panels: allPanels(content.json).map((panel) => ({ status: "added", title: titleOf(panel), queries: [], settings: [] })),
      layoutChanged: false,
      settings: [],
    });
  }
  return diffs;
}

export function parseDashboard(text: string): DashboardJson | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return isPlainObject(parsed) ? (parsed as DashboardJson) : undefined;
  } catch {
    return undefined;
  }
}
