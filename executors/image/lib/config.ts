/**
 * The image config (the JSON whose digest is the image ID): entrypoint,
 * platform, version labels, layers and history, all from explicit inputs, so
 * one binary gives one image ID on any machine. Pure.
 */
import type { Platform } from '../../../plugin/platforms';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const DEFAULT_PATH_ENV = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
export const VERSION_LABEL = 'org.opencontainers.image.version';
export const REVISION_LABEL = 'org.opencontainers.image.revision';

/** Where the binary lands in the image. */
export function binaryInImage(binary: string): string {
  return `/usr/local/bin/${binary}`;
}

/** The OCI platform variant Go's default GOARM gives: v7 for arm; none elsewhere. */
export function platformVariant(p: Platform): string | undefined {
  return p.arch === 'arm' ? 'v7' : undefined;
}

/** JSON with object keys sorted at every level and no whitespace: one value, one byte string. */
export function canonicalJson(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export interface ImageConfigInput {
  binary: string;
  platform: Platform;
  /** ISO time for `created` and the history entry. */
  created: string;
  gitVersion: string;
  gitCommit?: string;
  /** `sha256:<hex>` of the binary's layer tar. */
  layerDiffId: string;
  /** The base image's config, when not FROM scratch. */
  base?: JsonObject;
  /** What the history entry says the layer came from. */
  createdBy?: string;
}

const asObject = (v: Json | undefined): JsonObject =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? v : {};
const asArray = (v: Json | undefined): Json[] => (Array.isArray(v) ? v : []);

/** The config JSON object of the image: the base's runtime config with the entrypoint and labels set, one layer on top. */
export function imageConfig(input: ImageConfigInput): JsonObject {
  const base = input.base ?? {};
  const baseRuntime = asObject(base.config);
  const labels: JsonObject = { ...asObject(baseRuntime.Labels), [VERSION_LABEL]: input.gitVersion };
  if (input.gitCommit) labels[REVISION_LABEL] = input.gitCommit;
  const runtime: JsonObject = {
    ...baseRuntime,
    Env: baseRuntime.Env ?? [DEFAULT_PATH_ENV],
    Entrypoint: [binaryInImage(input.binary)],
    Labels: labels,
  };
  // The base's command would become arguments of the binary.
  delete runtime.Cmd;
  const variant = platformVariant(input.platform);
  const config: JsonObject = {
    architecture: input.platform.arch,
    os: input.platform.os,
    ...(variant ? { variant } : {}),
    config: runtime,
    created: input.created,
    history: [
      ...asArray(base.history),
      {
        created: input.created,
        created_by: input.createdBy ?? `COPY ${input.binary} ${binaryInImage(input.binary)}`,
      },
    ],
    rootfs: {
      type: 'layers',
      diff_ids: [...asArray(asObject(base.rootfs).diff_ids), input.layerDiffId],
    },
  };
  return config;
}
