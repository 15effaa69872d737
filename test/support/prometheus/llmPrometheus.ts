import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseStackConfig } from "../../../config/parse.ts";
import type { StackConfig } from "../../../config/schema.ts";
import { describeStack } from "../../../components/stack.ts";
import { renderedFiles } from "../../../components/renderedFiles.ts";
import { writeRenderedFiles } from "../../../cli/render/writeFiles.ts";
import { freePort, waitFor } from "../../../cli/local/processes.ts";
import { startPrometheus, type RunningPrometheus } from "../../../cli/local/prometheus.ts";
import { instantQuery } from "../../../cli/local/prometheusApi.ts";
import { startExporter, type SyntheticExporter } from "../../../synthetic/exporter.ts";
import type { Family } from "../../../synthetic/families.ts";
import { SERIES } from "../../../metrics/canonical.ts";
import { STACK_FACTS } from "../../../components/factsForConfig.ts";

export interface LlmPrometheus {
  url: string;
  config: StackConfig;
  /** The rendered files, as the stack ships them. */
  renderDir: string;
  stop(): Promise<void>;
}

/**
 * A real Prometheus started from the stack's rendered config and rules, scraping one synthetic LLM
 * service every second and evaluating the rules every second; ready once the canonical series exist.
 */
export async function startLlmPrometheus(render: (elapsedSeconds: number) => Family[], extraConfig: Record<string, unknown> = {}): Promise<LlmPrometheus> {
  const exporter: SyntheticExporter = await startExporter(render);
  const port = await freePort();
  const unused = await freePort();
  const config = parseStackConfig({
    values: {
      prometheus: { scrapeInterval: "1s", evaluationInterval: "1s" },
      llmService: { targets: [exporter.address] },
      ...extraConfig,
    },
    secrets: {},
  }, STACK_FACTS);
  const renderDir = mkdtempSync(join(tmpdir(), "llmobs-dash-"));
  // Only the LLM service is reachable; the stack's own components are not running here.
  const stack = describeStack(config, {
    peer: (name) => (name === "prometheus" ? `127.0.0.1:${port}` : `127.0.0.1:${unused}`),
    loopback: () => `127.0.0.1:${port}`,
  });
  writeRenderedFiles(renderedFiles(stack), renderDir);
  let prometheus: RunningPrometheus | undefined;
  try {
    prometheus = await startPrometheus({ stack, renderDir, port });
    const url = prometheus.url;
    await waitFor(
      "the canonical LLM series to be recorded",
      async () => ((await instantQuery(url, `count(${SERIES.requests()}) > 0`)).length > 0 ? true : undefined),
      { timeoutMs: 45_000, context: prometheus.output },
    );
  } catch (error) {
    await prometheus?.stop();
    await exporter.close();
    throw error;
  }
  const running = prometheus;
  return {
    url: running.url,
    config,
    renderDir,
    stop: async () => {
      await running.stop();
      await exporter.close();
    },
  };
}
