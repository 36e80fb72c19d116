/** The locked-down create options of every build container, and container names. Pure. */
import type Dockerode from 'dockerode';
import { MANAGED_LABEL } from '../engine/docker';

export interface MountSpec {
  type: 'bind' | 'volume';
  /** Host path (bind) or volume name. */
  source: string;
  target: string;
  readOnly: boolean;
}

export interface ContainerInput {
  name: string;
  image: string;
  /** argv; the first element becomes the entrypoint so image entrypoints never interfere. */
  cmd: string[];
  workingDir: string;
  /** "uid:gid"; omitted where the host has no such notion. */
  user?: string;
  /** The complete environment: nothing else is inherited from the host. */
  env: Record<string, string>;
  mounts: MountSpec[];
  network: string;
  labels?: Record<string, string>;
}

/** Create options for a locked-down build container. Pure. */
export function containerSpec(input: ContainerInput): Dockerode.ContainerCreateOptions {
  if (input.cmd.length === 0) throw new Error(`Container ${input.name} has no command: give it at least the program to run.`);
  for (const m of input.mounts) {
    if (m.type === 'bind' && /(^|\/)docker\.sock$/.test(m.source)) {
      throw new Error(`Refusing to mount the Docker socket ${m.source} into ${input.name}: build containers never get engine access.`);
    }
  }
  return {
    name: input.name,
    Image: input.image,
    Entrypoint: [input.cmd[0]],
    Cmd: input.cmd.slice(1),
    WorkingDir: input.workingDir,
    ...(input.user ? { User: input.user } : {}),
    Env: Object.keys(input.env)
      .sort()
      .map((k) => `${k}=${input.env[k]}`),
    Tty: false,
    OpenStdin: false,
    AttachStdin: false,
    AttachStdout: true,
    AttachStderr: true,
    Labels: { [MANAGED_LABEL]: 'true', ...(input.labels ?? {}) },
    HostConfig: {
      Mounts: input.mounts.map((m) => ({
        Type: m.type,
        Source: m.source,
        Target: m.target,
        ReadOnly: m.readOnly,
      })),
      NetworkMode: input.network,
      Privileged: false,
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
      AutoRemove: false,
    },
  };
}

/** Docker names allow [a-zA-Z0-9][a-zA-Z0-9_.-]*. */
export function sanitizeContainerName(name: string): string {
  const s = name
    .replace(/[^a-zA-Z0-9_.-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[^a-zA-Z0-9]+/, '');
  return s.slice(0, 200) || 'kube-build';
}
