import type { ParsedStackConfig } from "./schema.ts";

type IngressUi = keyof ParsedStackConfig["kubernetes"]["ingress"]["hosts"];

/** Ingresses serve https when the config names a TLS Secret, else plain http. */
export function ingressScheme(config: Pick<ParsedStackConfig, "kubernetes">): "https" | "http" {
  return config.kubernetes.ingress.tlsSecretName ? "https" : "http";
}

/**
 * The URL a person opens a UI at through the stack's Ingress (https with a TLS Secret), without a trailing
 * slash; undefined where the UI has no Ingress, or only a wildcard host, which names no one address.
 */
export function ingressUrl(config: Pick<ParsedStackConfig, "target" | "kubernetes">, ui: IngressUi): string | undefined {
  if (config.target !== "kubernetes") return undefined;
  const host = config.kubernetes.ingress.hosts[ui];
  if (!host || host.startsWith("*.")) return undefined;
  return `${ingressScheme(config)}://${host}`;
}
