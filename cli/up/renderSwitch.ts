import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { StackConfig } from "../../config/schema.ts";
import { renderDirectoryOf } from "../preflight/rendering.ts";

/** Where a deployed stack's objects are, from its last outputs: a render directory, a cluster, or nowhere yet. */
type Deployed = { rendered: string } | { cluster: true } | undefined;

function deployedFrom(outputs: Record<string, unknown>): Deployed {
  if (typeof outputs["renderedManifests"] === "string") return { rendered: outputs["renderedManifests"] };
  return outputs["kubernetesNamespace"] !== undefined ? { cluster: true } : undefined;
}

/**
 * The Kubernetes provider takes a new render directory, or rendering turned on or off, as an update of
 * itself alone: every object stays "unchanged", so nothing would be written to the new directory, and
 * nothing applied to the cluster (the real engine shows it; mocks cannot). `up` stops before that, with
 * what to do instead. `outputs` are the stack's last outputs (empty before its first `up` and after a
 * destroy); `projectDir` is where relative render directories start.
 */
export function renderSwitchProblem(outputs: Record<string, unknown>, config: StackConfig, stack: string, projectDir: string): string | undefined {
  if (config.target !== "kubernetes") return undefined;
  const before = deployedFrom(outputs);
  const now = renderDirectoryOf(config);
  if (before === undefined) return undefined;
  const holdsManifests = (directory: string) => existsSync(resolve(projectDir, directory, "1-manifest"));
  if ("rendered" in before) {
    if (now === before.rendered) return undefined;
    if (now !== undefined) {
      // Moved by hand, as the README says: the next up finds everything where the stack says it is.
      if (!holdsManifests(before.rendered) && holdsManifests(now)) return undefined;
      return (
        `The stack "${stack}" rendered its manifests to ${before.rendered}, and kubernetes.render.directory is now ${now}. ` +
        `Pulumi would write only the objects that change to ${now} and leave the rest in ${before.rendered}. ` +
        `Move the directory first (\`mv ${before.rendered} ${now}\`, or \`git mv\`), then run up again.`
      );
    }
    return (
      `The stack "${stack}" rendered its manifests to ${before.rendered}; with kubernetes.render.directory removed, Pulumi would ` +
      `apply nothing to the cluster (it takes the switch as a change of the provider alone, and every object as unchanged). ` +
      `Deploy to the cluster from another stack, or run \`pulumi destroy --stack ${stack}\` first (the namespace's and the claims' files stay).`
    );
  }
  if (now === undefined) return undefined;
  return (
    `The stack "${stack}" is deployed to a cluster; with kubernetes.render.directory set, Pulumi would render nothing ` +
    `(it takes the switch as a change of the provider alone) while still recording the cluster's objects as its own. ` +
    `Render from another stack, or run \`pulumi destroy --stack ${stack}\` first (the namespace and the claims stay in the cluster).`
  );
}
