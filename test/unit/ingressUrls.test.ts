import { expect, test } from "vitest";
import { parseStackConfig } from "../../config/parse.ts";
import { describeStack } from "../../components/stack.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";

const hosts = { grafana: "grafana.example.com", prometheus: "prometheus.example.com", alertmanager: "alerts.example.com" };

function components(values: Record<string, unknown>) {
  const stack = describeStack(parseStackConfig({ values, secrets: {} }, STACK_FACTS));
  return (name: string) => stack.components.find((c) => c.name === name)!;
}

test("behind an Ingress, Grafana, Prometheus and Alertmanager write their links with the address people open", () => {
  const c = components({ target: "kubernetes", kubernetes: { ingress: { hosts, tlsSecretName: "obs-tls" } } });
  expect(c("grafana").env.GF_SERVER_ROOT_URL).toBe("https://grafana.example.com/");
  expect(c("prometheus").args).toContain("--web.external-url=https://prometheus.example.com/");
  expect(c("alertmanager").args).toContain("--web.external-url=https://alerts.example.com/");
  // The route prefix stays /, so the health checks' paths hold.
  expect(c("prometheus").healthCheck.path).toBe("/-/healthy");
});

test("plain http without a TLS Secret; nothing for a UI without a host, a wildcard host, or on Docker", () => {
  const http = components({ target: "kubernetes", kubernetes: { ingress: { hosts: { grafana: "grafana.example.com", prometheus: "*.example.com" } } } });
  expect(http("grafana").env.GF_SERVER_ROOT_URL).toBe("http://grafana.example.com/");
  expect(http("prometheus").args.some((arg) => arg.startsWith("--web.external-url"))).toBe(false);
  expect(http("alertmanager").args.some((arg) => arg.startsWith("--web.external-url"))).toBe(false);
  const docker = components({ target: "docker", kubernetes: { ingress: { hosts } } });
  expect(docker("grafana").env.GF_SERVER_ROOT_URL).toBeUndefined();
  expect(docker("prometheus").args.some((arg) => arg.startsWith("--web.external-url"))).toBe(false);
});
