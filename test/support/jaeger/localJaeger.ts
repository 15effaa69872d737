import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { dump, load } from "js-yaml";
import type { StackDescription } from "../../../components/types.ts";
import { JAEGER_PORTS } from "../../../components/jaeger/jaegerConfig.ts";
import { localConfig, startComponent, type Placement, type RunningComponent } from "../../../cli/local/startComponent.ts";
import { componentOf } from "../../../cli/local/prometheus.ts";

export interface JaegerPlacement extends Placement {
  dataDir: string;
  /** Where the query service's gRPC API goes; the config leaves it at Jaeger's default (:16685). */
  queryGrpcPort: number;
}

/**
 * The pinned Jaeger run as its description runs it, from its rendered config.yaml with every endpoint on a
 * loopback port and the Badger directories in `dataDir`, written to `renderDir/jaeger/`. The rendered file
 * leaves the UI and query API at Jaeger's default endpoints, so they are written out here, the UI on the
 * ui port's placement.
 */
export async function startJaeger(stack: StackDescription, placement: JaegerPlacement): Promise<RunningComponent> {
  const jaeger = componentOf(stack, "jaeger");
  const config = jaeger.configFiles[0]!;
  const rendered = load(config.content) as { extensions: { jaeger_query: Record<string, unknown> } };
  const local = localConfig(jaeger, placement, rendered) as typeof rendered;
  local.extensions.jaeger_query = {
    ...local.extensions.jaeger_query,
    http: { endpoint: `127.0.0.1:${placement.ports[JAEGER_PORTS.ui]}` },
    grpc: { endpoint: `127.0.0.1:${placement.queryGrpcPort}` },
  };
  const file = join(placement.renderDir, "jaeger", config.path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, dump(local, { lineWidth: -1, noRefs: true }));
  return startComponent("jaeger", jaeger, placement);
}
