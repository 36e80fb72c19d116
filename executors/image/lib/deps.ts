/** What an image run reaches outside its inputs (nested nx, git, the engine), so specs can stand in for them; and its interruption check. */
import type { Readable } from 'stream';
import type { VersionInfo } from '../../../plugin/vocabulary/version';
import type { ImageInfo, PushInput } from '../../shared/engine/docker';
import type { BuildOutput } from '../../shared/nx/build-output';

/** The part of the engine module an image run uses. */
export interface ImageEngine {
  ping(): Promise<void>;
  loadImage(archive: Readable, what: string, signal?: AbortSignal): Promise<void>;
  exportImage(name: string): Promise<Readable>;
  pushImage(push: PushInput): Promise<string | undefined>;
  inspectImage(tag: string): Promise<ImageInfo | undefined>;
}

export interface ImageDeps {
  runNx(workspaceRoot: string, args: string[]): Promise<number>;
  readVersionInfo(workspaceRoot: string, env: NodeJS.ProcessEnv): Promise<VersionInfo>;
  engine(): ImageEngine;
  env: NodeJS.ProcessEnv;
  log: { info(message: string): void; warn(message: string): void };
  signal?: AbortSignal;
  /** Where the project's build target writes the binary (shared/nx/build-output). */
  buildOutput?: BuildOutput;
}

/** Throws when the run's signal fired, naming the binary whose image was being built. */
export function checkNotAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw new Error(`Building the ${what} image was interrupted.`);
}
