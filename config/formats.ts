import { isIP } from "node:net";
import { durationSeconds } from "./durations.ts";

/**
 * Value formats the stack config accepts. Each is a predicate plus the sentence a user reads when a
 * value does not match, so the error says what is allowed, not only that something is wrong.
 */
export interface Format {
  test(value: string): boolean;
  allowed: string;
}

// Prometheus' own duration syntax (model.ParseDuration): units from largest to smallest, no spaces.
const PROMETHEUS_DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

// A zero interval, in whatever unit it is written (0s, 0m, 0h), is never meant: every duration the stack
// config takes is an interval or a time to keep something, and 0 stops it (an evaluation interval of 0
// turns every total into `* 0`).
export const prometheusDuration: Format = {
  test: (v) => PROMETHEUS_DURATION.test(v) && durationSeconds(v) > 0,
  allowed: "a Prometheus duration greater than zero, such as 15s, 5m, 2h, 15d or 1w (digits and a unit, no spaces)",
};

// Go's time.ParseDuration, which Jaeger uses: no days.
const GO_DURATION = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/;

export const goDuration: Format = {
  test: (v) => GO_DURATION.test(v) && [...v.matchAll(/[\d.]+/g)].some(([amount]) => Number(amount) > 0),
  allowed: "a Go duration greater than zero, such as 72h, 90m or 1h30m (units ns, us, ms, s, m, h; no days, no spaces)",
};

// Prometheus' --storage.tsdb.retention.size (units.Base2Bytes).
export const prometheusSize: Format = {
  test: (v) => /^[1-9]\d*(?:B|KB|MB|GB|TB|PB|EB)$/.test(v),
  allowed: "a size such as 512MB, 10GB or 1TB (an integer and one of B, KB, MB, GB, TB, PB, EB; no spaces)",
};

const HOSTNAME_LABEL = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/;

function isHostname(host: string): boolean {
  return host.length <= 253 && host.split(".").every((label) => HOSTNAME_LABEL.test(label));
}

function isPortNumber(text: string): boolean {
  if (!/^\d{1,5}$/.test(text)) return false;
  const port = Number(text);
  return port >= 1 && port <= 65535;
}

export const hostPort: Format = {
  test: (v) => {
    const bracketed = /^\[([^\]]+)\]:(\d+)$/.exec(v);
    if (bracketed) return isIP(bracketed[1]!) === 6 && isPortNumber(bracketed[2]!);
    const parts = v.split(":");
    if (parts.length !== 2) return false;
    const [host, port] = parts as [string, string];
    return (isIP(host) === 4 || isHostname(host)) && isPortNumber(port);
  },
  allowed: "host:port, e.g. host.docker.internal:8000, 10.0.0.7:9464 or [::1]:8000 (port 1..65535)",
};

export const ipAddress: Format = {
  test: (v) => isIP(v) !== 0,
  allowed: "an IPv4 or IPv6 address such as 127.0.0.1 (only this machine) or 0.0.0.0 (every interface)",
};

export const dnsLabel: Format = {
  test: (v) => /^[a-z0-9](?:[a-z0-9-]{0,28}[a-z0-9])?$/.test(v),
  allowed: "lower-case letters, digits and '-', starting and ending with a letter or digit, at most 30 characters",
};

export const urlPath: Format = {
  test: (v) => /^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/.test(v),
  allowed: "an absolute URL path such as /metrics",
};

export const prometheusJobName: Format = {
  test: (v) => /^[A-Za-z0-9_.:-]{1,63}$/.test(v),
  allowed: "1 to 63 characters from letters, digits, '_', '-', '.', ':'",
};

// A version tag (v3.7.3, 12.3.1, 2.19.0, 1.2.3-alpine) or a digest; floating tags are not a pin.
const IMAGE_REFERENCE =
  /^(?<repository>(?:[a-z0-9.-]+(?::\d+)?\/)?[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*)(?::(?<tag>[\w][\w.-]{0,127}))?(?:@(?<digest>sha256:[a-f0-9]{64}))?$/;
const VERSION_TAG = /^v?\d+\.\d+(?:\.\d+)?(?:[-+][0-9A-Za-z.-]+)?$/;

export const pinnedImage: Format = {
  test: (v) => {
    const match = IMAGE_REFERENCE.exec(v);
    if (!match?.groups) return false;
    const { tag, digest } = match.groups;
    if (digest) return true;
    return tag !== undefined && VERSION_TAG.test(tag);
  },
  allowed:
    "repository:version (e.g. prom/prometheus:v3.7.3 or grafana/grafana:12.3.1) or repository@sha256:<64 hex>; floating tags such as latest or main are not a pin",
};
