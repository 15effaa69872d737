import * as units from "@grafana/grafana-foundation-sdk/units";

/** Grafana's "suffix:" unit: a number followed by `text`, for what Grafana has no unit of its own. */
const suffix = (text: string) => `suffix: ${text}`;

/** Units the dashboards use: the foundation SDK's constants where Grafana has the unit, suffixes otherwise. */
export const UNITS = {
  count: units.Short,
  requestsPerSecond: units.RequestsPerSecond,
  percent: units.PercentUnit,
  usd: units.Dollars,
  seconds: units.Seconds,
  bytes: units.BytesIEC,
  bytesPerSecond: units.BytesPerSecondSI,
  tokensPerSecond: suffix("tokens/s"),
  lookupsPerSecond: suffix("lookups/s"),
  errorsPerSecond: suffix("errors/s"),
  requests: suffix("requests"),
  load: units.Short,
} as const;
