import type { ComponentName } from "../../config/components.ts";

/** A component's data volume (Docker volume or Kubernetes claim), of any epoch. */
export interface DataVolume {
  name: string;
  epoch: number;
  /** Bytes it holds (Docker) or claims (Kubernetes), when that is cheap to know. */
  bytes?: number;
}

export interface ComponentState {
  component: ComponentName;
  running: boolean;
  healthy: boolean;
  /** What the platform says, e.g. "Up 2 hours (healthy)" or "1/1 ready". */
  detail: string;
  /** Shown instead of running or stopped where nothing runs here (rendered manifests). */
  label?: string;
}

/** The data-holding side of a target: what Pulumi keeps (retainOnDelete) and the data command removes. */
export interface DataPlatform {
  /** "Docker" or "Kubernetes namespace llmobs". */
  readonly where: string;
  /** What a volume is called to a person: "Docker volume" or "PersistentVolumeClaim". */
  readonly volumeKind: string;
  volumes(component: ComponentName): Promise<DataVolume[]>;
  deleteVolume(volume: DataVolume): Promise<void>;
  status(): Promise<ComponentState[]>;
}

const UNITS: Record<string, number> = { B: 1, KB: 1e3, kB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12 };

/** Docker's human sizes ("1.23GB", "512kB", "0B") in bytes. */
export function parseDockerSize(text: string): number | undefined {
  const match = /^([\d.]+)\s*([kKMGT]?B)$/.exec(text.trim());
  return match ? Math.round(Number(match[1]) * (UNITS[match[2]!] ?? UNITS[match[2]!.toUpperCase()]!)) : undefined;
}

export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return "size unknown";
  const units = ["B", "kB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}
