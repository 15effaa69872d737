import { CONFIG_NAMESPACE, type ParsedStackConfig } from "./schema.ts";
import type { ConfigProblem } from "./problems.ts";

/**
 * Rendering to manifests contacts no cluster, so a kubeconfig context contradicts it (the Kubernetes
 * provider refuses the two together), and it needs the cluster target.
 */
export function renderProblems(config: ParsedStackConfig): ConfigProblem[] {
  const { directory } = config.kubernetes.render;
  if (directory === undefined) return [];
  const key = `${CONFIG_NAMESPACE}:kubernetes.render.directory`;
  if (config.target !== "kubernetes") {
    return [
      {
        key,
        value: directory,
        message: `${JSON.stringify(directory)} is not allowed with target ${config.target}; only the cluster stack (target: kubernetes) renders to manifests`,
        dependsOn: [`${CONFIG_NAMESPACE}:target`],
      },
    ];
  }
  const { context } = config.kubernetes;
  if (context === undefined) return [];
  return [
    {
      key: `${CONFIG_NAMESPACE}:kubernetes.context`,
      value: context,
      message:
        `${JSON.stringify(context)} is not allowed with kubernetes.render.directory: rendering contacts no cluster. ` +
        "Remove kubernetes.context to render, or kubernetes.render.directory to deploy through the context",
      dependsOn: [key],
    },
  ];
}
