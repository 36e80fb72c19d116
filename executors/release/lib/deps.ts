/** What a release reaches outside its inputs (nested nx, git, the log, the signal), so specs can stand in for them; and its interruption check. */
import type { Platform } from '../../../plugin/platforms';
import type { VersionInfo } from '../../../plugin/vocabulary/version';
import type { BuildOutput } from '../../shared/nx/build-output';
import type { NxTasksOptions, NxTasksResult } from '../../shared/nx/nx-run';
import type { NamedTask } from '../../shared/nx/task-selection';

export interface ReleaseLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface ReleaseDeps {
  runNx(workspaceRoot: string, args: string[]): Promise<number>;
  /** Named tasks of several configurations in one nested nx (the builds); without it, one runNx per platform. */
  runTasks?(workspaceRoot: string, tasks: NamedTask[], opts: NxTasksOptions): Promise<NxTasksResult>;
  readVersionInfo(workspaceRoot: string, env: NodeJS.ProcessEnv): Promise<VersionInfo>;
  env: NodeJS.ProcessEnv;
  log: ReleaseLog;
  host?: Platform;
  signal?: AbortSignal;
  /** Workspace-relative binary a project's build target writes for a platform (shared/nx/build-output); undefined: the output layout's. */
  buildOutput?: BuildOutput;
}

export const INTERRUPTED = 'The release was interrupted; release-tars is unchanged.';

/** Throws the one interruption message once the signal fired. */
export function checkNotAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new Error(INTERRUPTED);
}
