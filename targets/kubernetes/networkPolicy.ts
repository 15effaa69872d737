import type * as k8s from "@pulumi/kubernetes";
import type { ComponentDescription, StackDescription } from "../../components/types.ts";
import { selectorLabels } from "../../components/kubernetesLabels.ts";

type NetworkPolicySpec = k8s.types.input.networking.v1.NetworkPolicySpec;

/**
 * What may connect to a component, from the descriptions alone: its published ports (the ones users,
 * the Ingress controller and instrumented services reach) from anywhere, and every port from the stack's
 * components that talk to it (Grafana to Prometheus and Jaeger, Prometheus to each metrics port), or only
 * the ports a talker names (the demo to Jaeger's OTLP/HTTP), and the ports only replicas use from the
 * component's own pods (Alertmanager's and Grafana's alerting gossip, TCP and UDP).
 * Nothing else gets in; outgoing traffic is not restricted (Prometheus scrapes across the cluster).
 */
export function networkPolicySpec(
  d: ComponentDescription,
  stack: StackDescription,
  namespaceOf: (component: ComponentDescription) => string,
): NetworkPolicySpec {
  const published = d.ports.filter((port) => port.hostPort !== undefined);
  const talkers = stack.components.filter((peer) => peer.name !== d.name && peer.talksTo.includes(d.name));
  const portsOf = (ports: readonly { containerPort: number; protocol: string }[]) =>
    ports.map((port) => ({ port: port.containerPort, protocol: port.protocol }));
  const own = selectorLabels(stack.namePrefix, d.name);
  const from = (peers: ComponentDescription[]) =>
    peers.map((peer) => ({
      podSelector: { matchLabels: selectorLabels(stack.namePrefix, peer.name) },
      // A pod selector alone matches only the policy's own namespace.
      ...(namespaceOf(peer) !== namespaceOf(d) ? { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": namespaceOf(peer) } } } : {}),
    }));
  const toEveryPort = talkers.filter((peer) => !peer.talksToPorts?.[d.name]);
  const toSomePorts = talkers.filter((peer) => peer.talksToPorts?.[d.name]);
  return {
    podSelector: { matchLabels: own },
    policyTypes: ["Ingress"],
    ingress: [
      ...(published.length > 0 ? [{ ports: portsOf(published) }] : []),
      ...(toEveryPort.length > 0 ? [{ from: from(toEveryPort), ports: portsOf(d.ports) }] : []),
      ...toSomePorts.map((peer) => ({ from: from([peer]), ports: portsOf(d.ports.filter((port) => peer.talksToPorts![d.name]!.includes(port.name))) })),
      ...(d.peerPorts.length > 0 ? [{ from: [{ podSelector: { matchLabels: own } }], ports: portsOf(d.peerPorts) }] : []),
    ],
  };
}
