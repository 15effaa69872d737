import { ingressUrl } from "../config/ingressUrl.ts";
import type { StackConfig } from "../config/schema.ts";

/**
 * `--web.external-url`, which Prometheus and Alertmanager take alike: behind an Ingress, the address of the
 * links they write (alerts' generatorURL, notifications, redirects). None without an Ingress host.
 */
export function webExternalUrlArgs(config: StackConfig, ui: "prometheus" | "alertmanager"): string[] {
  const externalUrl = ingressUrl(config, ui);
  return externalUrl ? [`--web.external-url=${externalUrl}/`] : [];
}
