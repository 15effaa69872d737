const SUFFIX = "-node-exporter";
const DNS1123_LABEL_MAX = 63;

/**
 * The namespace node-exporter runs in on Kubernetes: `kubernetes.nodeExporterNamespace`, else the stack's
 * namespace with "-node-exporter" (shortened to fit a DNS-1123 label). It is labelled `privileged`, the only
 * Pod Security level that allows the host's PID namespace, network and paths.
 */
export function privilegedNamespace(kubernetes: { namespace: string; nodeExporterNamespace?: string | undefined }): string {
  if (kubernetes.nodeExporterNamespace) return kubernetes.nodeExporterNamespace;
  const room = DNS1123_LABEL_MAX - SUFFIX.length;
  return `${kubernetes.namespace.slice(0, room).replace(/-+$/, "")}${SUFFIX}`;
}
