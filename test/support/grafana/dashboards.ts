import { parseStackConfig } from "../../../config/parse.ts";
import type { StackConfig } from "../../../config/schema.ts";
import { renderDashboards } from "../../../dashboards/index.ts";
import type { DashboardJson } from "../../../cli/local/grafanaQueries.ts";
import { STACK_FACTS } from "../../../components/factsForConfig.ts";

/** The config the dashboard tests run Prometheus with: scrape and evaluate every second. */
export const FAST_PROMETHEUS = { prometheus: { scrapeInterval: "1s", evaluationInterval: "1s" } };

export function fastConfig(extra: Record<string, unknown> = {}): StackConfig {
  return parseStackConfig({ values: { ...FAST_PROMETHEUS, ...extra }, secrets: {} }, STACK_FACTS);
}

/** A rendered dashboard, parsed back from the JSON the stack ships. */
export function renderedDashboard(config: StackConfig, file: string): DashboardJson {
  const found = renderDashboards(config).find((dashboard) => dashboard.name === file);
  if (!found) throw new Error(`no dashboard ${file}`);
  return JSON.parse(found.content) as DashboardJson;
}
