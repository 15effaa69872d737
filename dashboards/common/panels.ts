import type { ThresholdsConfigBuilder, DashboardLinkBuilder } from "@grafana/grafana-foundation-sdk/dashboard";
import type { DataqueryBuilder } from "@grafana/grafana-foundation-sdk/prometheus";
import {
  BarGaugeDisplayMode,
  BigValueGraphMode,
  GraphThresholdsStyleMode,
  LegendDisplayMode,
  LegendPlacement,
  ReduceDataOptionsBuilder,
  StackingConfigBuilder,
  StackingMode,
  VizLegendOptionsBuilder,
  VizOrientation,
  GraphThresholdsStyleConfigBuilder,
} from "@grafana/grafana-foundation-sdk/common";
import { PanelBuilder as StatPanel } from "@grafana/grafana-foundation-sdk/stat";
import { PanelBuilder as GaugePanel } from "@grafana/grafana-foundation-sdk/gauge";
import { PanelBuilder as TimeSeriesPanel } from "@grafana/grafana-foundation-sdk/timeseries";
import { PanelBuilder as PieChartPanel, PieChartLegendOptionsBuilder, PieChartType } from "@grafana/grafana-foundation-sdk/piechart";
import { PanelBuilder as BarGaugePanel } from "@grafana/grafana-foundation-sdk/bargauge";
import { PROMETHEUS } from "./datasources.ts";

/** What every panel must have: a title, a description a newcomer understands, a unit, a size. */
export interface PanelBasics {
  title: string;
  description: string;
  unit: string;
  /** Grid columns (of 24) and rows. */
  width: number;
  height: number;
  thresholds?: ThresholdsConfigBuilder;
  links?: DashboardLinkBuilder[];
  min?: number;
  max?: number;
  decimals?: number;
  /** What the panel shows when its queries return nothing: which emitters lack what it needs (gapNotes). */
  noValue?: string;
}

export type Panel = StatPanel | GaugePanel | TimeSeriesPanel | PieChartPanel | BarGaugePanel;

function lastValue() {
  return new ReduceDataOptionsBuilder().calcs(["lastNotNull"]).values(false);
}

function common<P extends Panel>(panel: P, basics: PanelBasics, queries: DataqueryBuilder[]): P {
  panel
    .title(basics.title)
    .description(basics.description)
    .unit(basics.unit)
    .datasource(PROMETHEUS)
    .targets(queries)
    .span(basics.width)
    .height(basics.height);
  if (basics.thresholds) panel.thresholds(basics.thresholds);
  if (basics.links) panel.links(basics.links);
  if (basics.min !== undefined) panel.min(basics.min);
  if (basics.max !== undefined) panel.max(basics.max);
  if (basics.decimals !== undefined) panel.decimals(basics.decimals);
  if (basics.noValue !== undefined) panel.noValue(basics.noValue);
  return panel;
}

/** One number, the last value of an instant query. */
export function stat(basics: PanelBasics, query: DataqueryBuilder): StatPanel {
  return common(new StatPanel(), basics, [query]).reduceOptions(lastValue()).graphMode(BigValueGraphMode.None);
}

export function gauge(basics: PanelBasics, query: DataqueryBuilder): GaugePanel {
  return common(new GaugePanel(), basics, [query]).reduceOptions(lastValue()).showThresholdMarkers(true);
}

export interface TimeSeriesOptions {
  stacked?: boolean;
  /** Draw the thresholds as lines on the graph. */
  thresholdLines?: boolean;
}

export function timeSeries(basics: PanelBasics, queries: DataqueryBuilder[], options: TimeSeriesOptions = {}): TimeSeriesPanel {
  const panel = common(new TimeSeriesPanel(), basics, queries)
    .legend(new VizLegendOptionsBuilder().showLegend(true).displayMode(LegendDisplayMode.List).placement(LegendPlacement.Bottom))
    .fillOpacity(options.stacked ? 60 : 10)
    .lineWidth(1);
  if (options.stacked) panel.stacking(new StackingConfigBuilder().mode(StackingMode.Normal));
  if (options.thresholdLines) panel.thresholdsStyle(new GraphThresholdsStyleConfigBuilder().mode(GraphThresholdsStyleMode.Dashed));
  return panel;
}

export function pieChart(basics: PanelBasics, query: DataqueryBuilder): PieChartPanel {
  return common(new PieChartPanel(), basics, [query])
    .pieType(PieChartType.Donut)
    .reduceOptions(lastValue())
    .legend(new PieChartLegendOptionsBuilder().showLegend(true).displayMode(LegendDisplayMode.Table).placement(LegendPlacement.Right));
}

export function barGauge(basics: PanelBasics, query: DataqueryBuilder): BarGaugePanel {
  return common(new BarGaugePanel(), basics, [query])
    .reduceOptions(lastValue())
    .displayMode(BarGaugeDisplayMode.Gradient)
    .orientation(VizOrientation.Horizontal);
}
