import type { StackDescription } from "../components/types.ts";

/**
 * The URL of every port users reach, keyed "<component>.<port name>", given the host they reach it on.
 * gRPC endpoints are written http://host:port, the form OTEL_EXPORTER_OTLP_ENDPOINT takes.
 */
export function endpointUrls(stack: StackDescription, host: string): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const component of stack.components) {
    for (const port of component.ports) {
      if (port.hostPort === undefined) continue;
      const base = `http://${host}:${port.hostPort}`;
      urls[`${component.name}.${port.name}`] = port.url.scheme === "grpc" ? base : `${base}${port.url.path}`;
    }
  }
  return urls;
}

/** The host name users type for a bind address: loopback and wildcard addresses are "localhost". */
export function hostForBindAddress(bindAddress: string): string {
  if (["127.0.0.1", "0.0.0.0", "::", "::1"].includes(bindAddress)) return "localhost";
  return bindAddress.includes(":") ? `[${bindAddress}]` : bindAddress;
}
