import type { StackConfig } from "../../config/schema.ts";
import { CONFIG_NAMESPACE } from "../../config/schema.ts";
import type { Check } from "./checks.ts";
import type { Exec } from "./exec.ts";
import { kubeconfigProblem } from "./kubeconfig.ts";

/** kubectl arguments that reach the context the stack deploys to (the current one when unset). */
function kubectlArgs(config: StackConfig, ...args: string[]): string[] {
  const { context } = config.kubernetes;
  return [...(context ? ["--context", context] : []), ...args];
}

function contextName(config: StackConfig): string {
  return config.kubernetes.context ? `context ${config.kubernetes.context}` : "the current kubeconfig context";
}

function lastLine(text: string): string {
  return (text.trim().split("\n").at(-1) ?? "").trim();
}

/** The cluster answers through the configured context: the Pulumi provider reads the same kubeconfig. */
export async function checkKubernetesCluster(exec: Exec, config: StackConfig): Promise<Check> {
  const name = "Kubernetes cluster";
  const result = await exec("kubectl", kubectlArgs(config, "version", "--output=json"));
  if (result.missing) {
    return {
      name,
      ok: false,
      detail: "`kubectl` is not on PATH",
      fix: "Install kubectl (https://kubernetes.io/docs/tasks/tools/) and point it at your cluster; the stack uses the same kubeconfig.",
    };
  }
  let server: string | undefined;
  try {
    server = (JSON.parse(result.stdout) as { serverVersion?: { gitVersion?: string } }).serverVersion?.gitVersion;
  } catch {
    server = undefined;
  }
  if (result.exitCode !== 0 || !server) {
    const kubeconfig = await kubeconfigProblem(exec, config);
    if (kubeconfig) return kubeconfig;
    return {
      name,
      ok: false,
      detail: `the cluster of ${contextName(config)} does not answer: ${lastLine(result.stderr) || "no server version"}`,
      fix:
        "Check `kubectl config current-context` and `kubectl cluster-info`; renew your credentials if they expired (e.g. your cloud CLI's login). " +
        `To deploy through another context: \`pulumi config set --path ${CONFIG_NAMESPACE}:kubernetes.context <name> --stack cluster\` (\`kubectl config get-contexts\` lists them).`,
    };
  }
  return { name, ok: true, detail: `Kubernetes ${server} through ${contextName(config)}` };
}

const DEFAULT_CLASS_ANNOTATIONS = ["storageclass.kubernetes.io/is-default-class", "storageclass.beta.kubernetes.io/is-default-class"];

interface StorageClassList {
  items?: { metadata?: { name?: string; annotations?: Record<string, string> } }[];
}

/**
 * The data volumes can bind: the configured StorageClass exists, or, with none configured, the cluster has
 * a default one. A claim without either stays Pending and the pods never start.
 */
export async function checkStorageClass(exec: Exec, config: StackConfig): Promise<Check> {
  const name = "StorageClass";
  const result = await exec("kubectl", kubectlArgs(config, "get", "storageclass", "--output=json"));
  let list: StorageClassList | undefined;
  try {
    list = JSON.parse(result.stdout) as StorageClassList;
  } catch {
    list = undefined;
  }
  if (result.exitCode !== 0 || !list) {
    return {
      name,
      ok: false,
      warning: true,
      detail: `could not list StorageClasses: ${lastLine(result.stderr) || "no answer"}`,
      fix: "Make sure the data volumes can bind: `kubectl get storageclass` should show the class the stack uses.",
    };
  }
  const classes = (list.items ?? []).map((item) => ({
    name: item.metadata?.name ?? "?",
    isDefault: DEFAULT_CLASS_ANNOTATIONS.some((key) => item.metadata?.annotations?.[key] === "true"),
  }));
  const names = classes.map((c) => c.name).join(", ") || "none";
  const setKey = `pulumi config set --path ${CONFIG_NAMESPACE}:kubernetes.storageClass <name> --stack cluster`;
  const wanted = config.kubernetes.storageClass;
  if (wanted) {
    return classes.some((c) => c.name === wanted)
      ? { name, ok: true, detail: `${wanted} (${CONFIG_NAMESPACE}:kubernetes.storageClass)` }
      : {
          name,
          ok: false,
          detail: `the cluster has no StorageClass ${wanted} (it has: ${names})`,
          fix: `Name one the cluster has: \`${setKey}\`.`,
        };
  }
  const defaults = classes.filter((c) => c.isDefault);
  if (defaults.length === 0) {
    return {
      name,
      ok: false,
      detail: `${CONFIG_NAMESPACE}:kubernetes.storageClass is unset and the cluster has no default StorageClass (it has: ${names}); the data volumes would never bind`,
      fix:
        `Name a class: \`${setKey}\`, or make one the default: ` +
        `\`kubectl patch storageclass <name> -p '{"metadata":{"annotations":{"storageclass.kubernetes.io/is-default-class":"true"}}}'\`.`,
    };
  }
  return { name, ok: true, detail: `the cluster's default, ${defaults.map((c) => c.name).join(", ")}` };
}
