import type * as k8s from "@pulumi/kubernetes";

/** A Service's ports for container ports, each reached at its own number and named as in the pod. */
export function servicePorts(ports: readonly { name: string; containerPort: number; protocol: string }[]): k8s.types.input.core.v1.ServicePort[] {
  return ports.map((port) => ({ name: port.name, port: port.containerPort, targetPort: port.name, protocol: port.protocol }));
}
