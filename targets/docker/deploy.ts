import * as docker from "@pulumi/docker";
import type { StackConfig } from "../../config/schema.ts";
import type { StackDescription } from "../../components/types.ts";
import type { StackSecrets } from "../secrets.ts";
import type { ComponentName } from "../../config/components.ts";
import { DockerComponent } from "./component.ts";
import { deployEach } from "../deployEach.ts";
import { LABELS, networkName } from "./naming.ts";

/** Deploys the stack description on the local Docker engine: one private network, one component each. */
export function deployToDocker(
  stack: StackDescription,
  config: StackConfig,
  secrets: StackSecrets,
): Map<ComponentName, DockerComponent> {
  const network = new docker.Network(
    "network",
    {
      name: networkName(stack.namePrefix),
      driver: "bridge",
      labels: [{ label: LABELS.stack, value: stack.namePrefix }],
    },
    { deleteBeforeReplace: true },
  );
  return deployEach(
    stack,
    (description) => new DockerComponent(description.name, { description, namePrefix: stack.namePrefix, bindAddress: config.bindAddress, network, secrets }),
  );
}
