import type { StackDescription } from "../../components/types.ts";
import type { StackConfig } from "../../config/schema.ts";
import { endpointUrls, hostForBindAddress } from "../../targets/endpoints.ts";
import { kubernetesAccess } from "../../targets/kubernetes/access.ts";
import { containerName } from "../../targets/docker/naming.ts";
import type { ComponentName } from "../../config/components.ts";

/** Where verify reaches each component, and what to do when one does not answer, on either target. */
export function stackEndpoints(stack: StackDescription, config: StackConfig): { urls: Record<string, string>; unreachableFix: (component: ComponentName) => string } {
  if (config.target === "kubernetes") {
    const access = kubernetesAccess(stack, config);
    return {
      urls: access.urls,
      unreachableFix: (component) => {
        const forward = access.portForwardCommands[component];
        return `${forward ? `Is the port-forward running? \`${forward}\`. ` : ""}Check the pod: \`kubectl --namespace ${config.kubernetes.namespace} get pods\`, then its logs.`;
      },
    };
  }
  return {
    urls: endpointUrls(stack, hostForBindAddress(config.bindAddress)),
    unreachableFix: (component) => {
      const name = containerName(config.namePrefix, component);
      return `Is it running? \`docker ps --all --filter name=${name}\`; why not: \`docker logs ${name}\`; bring it back with \`npm run up\`.`;
    },
  };
}
