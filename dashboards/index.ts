import type { StackConfig } from "../stacks/config/schema.ts";
import type { DashboardFile } from "../stacks/components/grafana.ts";

/** Every dashboard the stack provisions, rendered to Grafana JSON. */
export function renderDashboards(_config: StackConfig): DashboardFile[] {
  return [];
}
