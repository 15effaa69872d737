import type { StackConfig } from "../config/schema.ts";
import { dashboardFile, type DashboardFile } from "./common/dashboard.ts";
import { llmUsageDashboard } from "./llmUsage.ts";
import { llmPerformanceDashboard } from "./llmPerformance.ts";
import { hostDashboard } from "./host.ts";
import { llmProxyDashboard } from "./llmProxy.ts";

/** Every dashboard the stack provisions, rendered to Grafana JSON. */
export function renderDashboards(config: StackConfig): DashboardFile[] {
  return [
    dashboardFile("llm-usage.json", llmUsageDashboard(config)),
    dashboardFile("llm-performance.json", llmPerformanceDashboard(config)),
    dashboardFile("llm-proxy.json", llmProxyDashboard(config)),
    dashboardFile("host.json", hostDashboard(config)),
  ];
}
