import type { StackConfig } from "../../config/schema.ts";
import { CONFIG_NAMESPACE } from "../../config/schema.ts";
import type { Check } from "./checks.ts";
import type { Exec } from "./exec.ts";

interface KubeconfigView {
  contexts?: { name: string }[] | null;
  "current-context"?: string;
}

const GET_ONE =
  "Get one from your cluster: kind, k3d and minikube write it when they create a cluster; on a cloud, " +
  "`aws eks update-kubeconfig`, `gcloud container clusters get-credentials` or `az aks get-credentials`. " +
  "Or point KUBECONFIG at the file you have.";

/**
 * When the cluster does not answer, whether that is because kubectl has no kubeconfig to read (it then
 * tries localhost:8080 and reports "connection refused"), or no context to use. Reads the kubeconfig as
 * kubectl resolves it (KUBECONFIG, else ~/.kube/config); undefined when there is a context to use.
 */
export async function kubeconfigProblem(exec: Exec, config: StackConfig): Promise<Check | undefined> {
  const result = await exec("kubectl", ["config", "view", "--output=json"]);
  if (result.exitCode !== 0) return undefined;
  let view: KubeconfigView;
  try {
    view = JSON.parse(result.stdout) as KubeconfigView;
  } catch {
    return undefined;
  }
  const contexts = (view.contexts ?? []).map((c) => c.name);
  const name = "Kubernetes cluster";
  const where = process.env["KUBECONFIG"] ? `KUBECONFIG (${process.env["KUBECONFIG"]})` : "~/.kube/config (KUBECONFIG is not set)";
  if (contexts.length === 0) {
    return { name, ok: false, detail: `no kubeconfig: kubectl finds no cluster context in ${where}`, fix: GET_ONE };
  }
  const wanted = config.kubernetes.context;
  if (!wanted && !view["current-context"]) {
    return {
      name,
      ok: false,
      detail: `the kubeconfig has no current context (it has: ${contexts.join(", ")})`,
      fix: `Choose one: \`kubectl config use-context <name>\`, or \`pulumi config set --path ${CONFIG_NAMESPACE}:kubernetes.context <name> --stack cluster\`.`,
    };
  }
  if (wanted && !contexts.includes(wanted)) {
    return {
      name,
      ok: false,
      detail: `the kubeconfig has no context ${wanted} (${CONFIG_NAMESPACE}:kubernetes.context); it has: ${contexts.join(", ")}`,
      fix: `Name one of these: \`pulumi config set --path ${CONFIG_NAMESPACE}:kubernetes.context <name> --stack cluster\`.`,
    };
  }
  return undefined;
}
