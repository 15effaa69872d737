/** Grafana units the dashboards use; custom ones are Grafana's "suffix:" units. */
export const UNITS = {
  count: "short",
  requestsPerSecond: "reqps",
  percent: "percentunit",
  usd: "currencyUSD",
  seconds: "s",
  bytes: "bytes",
  bytesPerSecond: "Bps",
  tokensPerSecond: "suffix: tokens/s",
  lookupsPerSecond: "suffix: lookups/s",
  errorsPerSecond: "suffix: errors/s",
  requests: "suffix: requests",
  load: "short",
} as const;
