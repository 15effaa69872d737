import { CONFIG_NAMESPACE, type ParsedStackConfig } from "./schema.ts";
import type { ConfigProblem } from "./problems.ts";
import { privilegedNamespace } from "./privilegedNamespace.ts";

/**
 * node-exporter's keys that only make sense together: on Docker's host network nothing is published (it
 * listens on the host itself), and on Kubernetes its privileged namespace must not be the stack's own.
 */
export function nodeExporterProblems(config: ParsedStackConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const { hostNetwork } = config.nodeExporter;
  if (config.target === "docker" && hostNetwork === true && config.ports.nodeExporter !== undefined) {
    problems.push({
      key: `${CONFIG_NAMESPACE}:ports.nodeExporter`,
      value: config.ports.nodeExporter,
      message:
        `${config.ports.nodeExporter} is not allowed with nodeExporter.hostNetwork: true; on the host's network node-exporter ` +
        "publishes nothing, it listens on the host at nodeExporter.port: remove ports.nodeExporter",
    });
  }
  if (config.target === "kubernetes" && config.nodeExporter.enabled) {
    const { namespace, nodeExporterNamespace } = config.kubernetes;
    if (privilegedNamespace(config.kubernetes) === namespace) {
      problems.push({
        key: `${CONFIG_NAMESPACE}:kubernetes.nodeExporterNamespace`,
        value: nodeExporterNamespace,
        message:
          `${JSON.stringify(nodeExporterNamespace)} is not allowed; node-exporter's namespace must allow privileged pods, ` +
          `so it cannot be the stack's own (kubernetes.namespace, ${namespace}), which stays at kubernetes.podSecurity`,
      });
    }
  }
  return problems;
}
