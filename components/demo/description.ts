import type { DescribeContext } from "../context.ts";
import type { ComponentDescription, Resources } from "../types.ts";
import { describeComponent } from "../describeComponent.ts";
import { DEMO_PORT } from "../../config/demoPort.ts";
import { PROMETHEUS_PORT } from "../prometheus/addresses.ts";
import { JAEGER_PORTS } from "../jaeger/jaegerConfig.ts";

/** Where the bundled service is shipped to in the container. */
export const DEMO_BUNDLE_PATH = "/opt/llmobs-demo/demo.mjs";

export const DEMO_RESOURCES: Resources = { cpuRequest: "50m", cpuLimit: "500m", memoryRequest: "96Mi", memoryLimit: "256Mi" };

/**
 * The demo LLM service (`demo.enabled`): the service of `npm run demo`, bundled into one file (bundle.ts)
 * and run by a stock Node image as its `node` user. Prometheus scrapes it as one more LLM service (the
 * job `demo.jobName`); it pushes its GenAI metrics to Prometheus' OTLP receiver and its spans to Jaeger.
 */
export function describeDemo(ctx: DescribeContext, bundle: string): ComponentDescription {
  const { demo } = ctx.config;
  return describeComponent(ctx, "demo", {
    args: [
      // The image's entrypoint runs this as given.
      "node",
      DEMO_BUNDLE_PATH,
      `--rate=${demo.callsPerSecond}`,
      `--agents=${demo.agents.join(",")}`,
      `--models=${demo.models.join(",")}`,
      "--host=0.0.0.0",
      `--port=${DEMO_PORT}`,
      `--prometheus=http://${ctx.peer("prometheus", PROMETHEUS_PORT)}`,
      `--otlp=http://${ctx.peer("jaeger", JAEGER_PORTS.otlpHttp)}`,
      `--service-name=${demo.jobName}`,
    ],
    ports: [
      {
        name: "http",
        containerPort: DEMO_PORT,
        purpose: "the demo's metrics (/metrics), fault switches (/faults) and health (/healthz)",
        url: { scheme: "http", path: "" },
      },
    ],
    configFiles: [{ path: "demo.mjs", mountPath: DEMO_BUNDLE_PATH, content: bundle }],
    healthCheck: { port: DEMO_PORT, path: "/healthz", startSeconds: 30 },
    resources: DEMO_RESOURCES,
    // The node image's unprivileged user.
    runAs: { user: 1000, group: 1000 },
    metrics: { port: DEMO_PORT, path: "/metrics", job: demo.jobName },
    talksTo: ["prometheus", "jaeger"],
    // Spans over OTLP/HTTP; nothing else of Jaeger's.
    talksToPorts: { jaeger: ["otlp-http"] },
  });
}
