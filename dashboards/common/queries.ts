import { DataqueryBuilder } from "@grafana/grafana-foundation-sdk/prometheus";
import { PROMETHEUS } from "./datasources.ts";

/** A Prometheus query for a time series panel (a range query). */
export function rangeQuery(refId: string, expr: string, legend: string): DataqueryBuilder {
  return new DataqueryBuilder().refId(refId).datasource(PROMETHEUS).expr(expr).legendFormat(legend).range();
}

/** A Prometheus query evaluated once at the end of the range (stat, gauge, pie, bar gauge). */
export function instantQuery(refId: string, expr: string, legend = ""): DataqueryBuilder {
  return new DataqueryBuilder().refId(refId).datasource(PROMETHEUS).expr(expr).legendFormat(legend).instant();
}
