import { createServer, type Server } from "node:http";

/** A notification receiver on loopback: every JSON body posted to it, in order. */
export interface Hook {
  url: string;
  bodies: unknown[];
  server: Server;
}

export function startHook(): Promise<Hook> {
  const bodies: unknown[] = [];
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      bodies.push(JSON.parse(body));
      response.writeHead(200).end("ok");
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve({ url: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/hook`, bodies, server });
    }),
  );
}
