import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { requireTool } from "../../../cli/tools/installed.ts";
import { freePort, startProcess, waitFor, type RunningProcess } from "../../../cli/local/processes.ts";

/**
 * A second pinned Prometheus standing in for a distributed store (Mimir, Thanos Receive, VictoriaMetrics):
 * it accepts remote write (--web.enable-remote-write-receiver) and is queried as the store would be.
 */
export async function startRemoteWriteReceiver(dir: string): Promise<{ process: RunningProcess; port: number; url: string }> {
  const port = await freePort();
  writeFileSync(join(dir, "receiver.yml"), "global:\n  scrape_interval: 1m\n");
  const process = startProcess(requireTool("prometheus"), [
    `--config.file=${join(dir, "receiver.yml")}`,
    `--storage.tsdb.path=${join(dir, "receiver-data")}`,
    `--web.listen-address=127.0.0.1:${port}`,
    "--web.enable-remote-write-receiver",
  ]);
  const url = `http://127.0.0.1:${port}`;
  await waitFor("the receiver to be ready", async () => ((await fetch(`${url}/-/ready`)).ok ? true : undefined), { context: process.output });
  return { process, port, url };
}
