import type { StackConfig } from "../../config/schema.ts";
import { omitsSecrets } from "../../targets/kubernetes/renderedSecrets.ts";

/** What to do with manifests `up` rendered, in place of verifying a stack that does not run here. */
export function renderedNextSteps(directory: string, config: StackConfig, stack: string): string {
  const manifests = `${directory}/1-manifest`;
  return [
    `The stack is rendered to ${manifests}/ (one file per object); nothing runs yet, so verify is skipped.`,
    "Commit the directory for Argo CD or Flux, or apply it yourself, namespaces first:",
    `  kubectl apply -f ${manifests}/v1-namespace-*.yaml && kubectl apply -f ${manifests}/`,
    ...(omitsSecrets(config.kubernetes)
      ? [`Its Secrets are left out (kubernetes.render.secrets: omit): \`pulumi stack output secretCommands --stack ${stack}\` prints the commands that create them.`]
      : []),
    `Once it runs, check it through port-forwards with \`npm run verify -- --stack ${stack}\`.`,
  ].join("\n");
}
