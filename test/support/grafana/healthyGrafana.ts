import type { StackConfig } from "../../../config/schema.ts";
import type { StackExpectations } from "../../../cli/verify/expectations.ts";
import { GrafanaApiDouble } from "./apiDouble.ts";

/** Grafana's HTTP API as a healthy stack's Grafana answers it (there is no Grafana binary here), started on `port`. */
export async function startHealthyGrafana(config: StackConfig, expectations: StackExpectations, password: string, port: number): Promise<GrafanaApiDouble> {
  const grafana = new GrafanaApiDouble({
    user: config.grafana.adminUser,
    password,
    datasourceHealth: { "llmobs-prometheus": { status: 200, body: { status: "OK", message: "Successfully queried the Prometheus API." } } },
    proxied: ["llmobs-jaeger", "llmobs-alertmanager"],
    dashboards: expectations.dashboards,
  });
  await grafana.start(port);
  return grafana;
}
