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

/** What a panel with an exemplarQuery says of its points. */
export const EXEMPLAR_POINTS = "points are exemplars, calls the emitter marked with their trace id: click one to open its trace.";

/** The legend of a query that asks for exemplars only (exemplarQuery). */
export const EXEMPLARS_LEGEND = "exemplars";

/**
 * A query that draws no line and asks Prometheus for the exemplars on the raw buckets of `histograms`
 * (every form): Grafana plots them as points whose trace id opens the trace in Jaeger. Prometheus reads
 * exemplars of the series an expression selects, and a recorded series keeps none, so a panel drawn from
 * recorded quantiles needs this second query. `unless on () vector(1)` selects the buckets and returns no
 * series, so the panel's lines stay the recorded ones.
 */
export function exemplarQuery(refId: string, histograms: readonly string[], matchers: string): DataqueryBuilder {
  const buckets = `{__name__=~"${histograms.map((name) => `${name}_bucket`).join("|")}", ${matchers}}`;
  return rangeQuery(refId, `${buckets} unless on () vector(1)`, EXEMPLARS_LEGEND).exemplar(true);
}
