import { createServer, type Server } from "node:http";
import { toTextFormat, type Family } from "./families.ts";

export interface SyntheticExporter {
  /** host:port to scrape. */
  address: string;
  /** From now on every scrape fails (HTTP 503), as a crashed service would. */
  fail(): void;
  close(): Promise<void>;
}

/**
 * A live /metrics endpoint: each scrape renders the workload as it stands `elapsed` seconds after start,
 * so counters grow at exactly the workload's rates.
 */
export function startExporter(render: (elapsedSeconds: number) => Family[]): Promise<SyntheticExporter> {
  const started = Date.now();
  let failing = false;
  const server: Server = createServer((request, response) => {
    if (failing) {
      response.writeHead(503).end("unavailable");
      return;
    }
    if (request.url !== "/metrics") {
      response.writeHead(404).end();
      return;
    }
    const body = toTextFormat(render((Date.now() - started) / 1000));
    response.writeHead(200, { "Content-Type": "text/plain; version=0.0.4" }).end(body);
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      resolve({
        address: `127.0.0.1:${port}`,
        fail: () => {
          failing = true;
        },
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
