/**
 * A Pulumi program for the parity test: one config deployed by both the Docker and the Kubernetes
 * target in one run (resource types differ, so their names do not clash), each from its own target's
 * description, with the same secrets.
 */
import { loadStackConfig } from "../../../config/fromPulumi.ts";
import { describeStack } from "../../../components/stack.ts";
import { resolveSecrets } from "../../../targets/secrets.ts";
import { deployToDocker } from "../../../targets/docker/deploy.ts";
import { deployToKubernetes } from "../../../targets/kubernetes/deploy.ts";
import { STACK_FACTS } from "../../../components/factsForConfig.ts";

const loaded = loadStackConfig(STACK_FACTS);
const secrets = resolveSecrets(loaded);
const kubernetesConfig = { ...loaded.config, target: "kubernetes" as const };
const dockerConfig = { ...loaded.config, target: "docker" as const };
deployToDocker(describeStack(dockerConfig), dockerConfig, secrets);
deployToKubernetes(describeStack(kubernetesConfig), kubernetesConfig, secrets);
