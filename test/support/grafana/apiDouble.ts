import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

/**
 * Grafana's HTTP API as Grafana documents it, answering from recorded responses (there is no Grafana
 * binary on this machine): /api/health, /api/user with basic auth, data source health by UID (404 "Not
 * found" for plugins without a backend health check, as Grafana answers), the data source proxy,
 * /api/search, and /metrics. Each test sets the state it needs.
 */
export interface GrafanaState {
  user: string;
  password: string;
  /** Data source UID -> its health answer; missing = the plugin has no backend health check. */
  datasourceHealth: Record<string, { status: number; body: unknown }>;
  /** Data source UIDs whose proxied backend answers 200. */
  proxied: string[];
  dashboards: { uid: string; title: string }[];
}

export class GrafanaApiDouble {
  private server: Server | undefined;
  url = "";
  readonly requests: string[] = [];

  constructor(public state: GrafanaState) {}

  async start(port = 0): Promise<void> {
    this.server = createServer((req, res) => this.answer(req, res));
    await new Promise<void>((resolve) => this.server!.listen(port, "127.0.0.1", resolve));
    const address = this.server.address();
    if (typeof address !== "object" || !address) throw new Error("no address");
    this.url = `http://127.0.0.1:${address.port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private answer(req: IncomingMessage, res: ServerResponse): void {
    const path = req.url ?? "/";
    this.requests.push(`${req.method} ${path}`);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (path === "/api/health") return json(200, { commit: "0000000", database: "ok", version: "12.3.1" });
    // Grafana serves its own metrics without authentication; the stack's Prometheus scrapes them.
    if (path === "/metrics") {
      res.writeHead(200, { "Content-Type": "text/plain; version=0.0.4" });
      res.end('# HELP grafana_build_info A metric with a constant \'1\' value labeled by version.\n# TYPE grafana_build_info gauge\ngrafana_build_info{edition="oss",version="12.3.1"} 1\n');
      return;
    }
    const expected = `Basic ${Buffer.from(`${this.state.user}:${this.state.password}`).toString("base64")}`;
    if (req.headers.authorization !== expected) {
      return json(401, { message: "Invalid username or password", messageId: "password-auth.failed", statusCode: 401, traceID: "" });
    }
    if (path === "/api/user") return json(200, { id: 1, login: this.state.user, isGrafanaAdmin: true });
    const health = /^\/api\/datasources\/uid\/([^/]+)\/health$/.exec(path);
    if (health) {
      const recorded = this.state.datasourceHealth[health[1]!];
      return recorded ? json(recorded.status, recorded.body) : json(404, { message: "Not found" });
    }
    const proxy = /^\/api\/datasources\/proxy\/uid\/([^/]+)\//.exec(path);
    if (proxy) return this.state.proxied.includes(proxy[1]!) ? json(200, {}) : json(502, { message: "Bad Gateway" });
    if (path.startsWith("/api/search")) return json(200, this.state.dashboards.map((d) => ({ ...d, type: "dash-db" })));
    json(404, { message: "Not found" });
  }
}
