import { posix } from "node:path";
import type { Format } from "./formats.ts";
import { isQuantity, quantityValue } from "./quantity.ts";

const DNS1123_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** A Kubernetes object name such as a Namespace or Service (RFC 1123 label). */
export const dns1123Label: Format = {
  test: (v) => DNS1123_LABEL.test(v),
  allowed: "a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters",
};

/** A Kubernetes name that may contain dots, such as a StorageClass, IngressClass or Secret (RFC 1123 subdomain). */
export const dns1123Subdomain: Format = {
  test: (v) => v.length <= 253 && v.split(".").every((label) => DNS1123_LABEL.test(label)),
  allowed:
    "a DNS-1123 subdomain: lower-case letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit, at most 253 characters",
};

/** A host name an Ingress routes, optionally with a leading wildcard label. */
export const ingressHost: Format = {
  test: (v) => dns1123Subdomain.test(v.startsWith("*.") ? v.slice(2) : v) && v.includes("."),
  allowed: "a fully qualified lower-case host name such as grafana.example.com (a leading *. is allowed)",
};

/** A positive Kubernetes quantity: CPU (250m, 1), memory or storage (512Mi, 10Gi). */
export const kubernetesQuantity: Format = {
  test: (v) => isQuantity(v) && quantityValue(v) > 0,
  allowed: "a Kubernetes quantity greater than 0, such as 250m or 1 (CPU) and 512Mi or 10Gi (memory, storage); no spaces, binary units are Ki, Mi, Gi, Ti",
};

/** A kubeconfig context name: anything printable, as kubectl accepts. */
export const kubeContext: Format = {
  test: (v) => v.trim() !== "" && !/[\s]/.test(v),
  allowed: "the name of a context in your kubeconfig (`kubectl config get-contexts`), without spaces",
};

/** A name for the cluster that stays the same while the way to reach it (the kubeconfig context) changes. */
export const clusterIdentifier: Format = {
  test: (v) => /^[A-Za-z0-9][A-Za-z0-9._:@/-]{0,252}$/.test(v),
  allowed: "a name for the cluster such as prod-eu or an EKS cluster ARN: letters, digits and . _ : @ / -, at most 253 characters",
};

/** Where no rendered manifest belongs: the project's own files, state and dependencies. */
const PROJECT_PLACES = [".git", ".pulumi-state", "node_modules", "stacks"];

/**
 * A directory the cluster stack's manifests are rendered to, relative to the project root (where the
 * npm scripts run Pulumi) or absolute; not the project root itself, nor inside its state, stack files,
 * dependencies or git.
 */
export const renderDirectory: Format = {
  test: (v) => {
    if (v.trim() !== v || v === "" || /[\0\n\r]/.test(v)) return false;
    const normal = posix.normalize(v);
    if (normal === "/" ) return false;
    if (normal.startsWith("/") || normal.startsWith("../") || normal === "..") return true;
    const first = normal.split("/")[0]!;
    return first !== "." && !PROJECT_PLACES.includes(first);
  },
  allowed:
    "a directory such as rendered/cluster, relative to the project root, or an absolute path; not the project root itself, " +
    `and not inside ${PROJECT_PLACES.join(", ")}`,
};
