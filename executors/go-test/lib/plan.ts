/** What one go test run is: its description, argv after `go`, the container env and the container that runs it. Pure. */
import type { Platform } from '../../../plugin/platforms';
import { sourceDateEpoch, VersionInfo } from '../../../plugin/vocabulary/version';
import { taskLabels } from '../../shared/container/labels';
import type { Owner } from '../../shared/nx/owner';
import { goContainerEnv, goContainerInput, goContainerName, ModCache } from '../../shared/container/go-container';
import type { ContainerInput } from '../../shared/container/spec';
import { goTestArgs, NormalizedTestOptions } from './command';

export interface TestPlan {
  /** `go test <packages>`, for messages. */
  what: string;
  /** argv after `go`. */
  args: string[];
  /** The container env (exactly the allow-list). */
  env: Record<string, string>;
  /** The machine the host mode runs on. */
  host: Platform;
}

export interface TestFacts {
  version: VersionInfo;
  hostEnv: NodeJS.ProcessEnv;
  host: Platform;
}

export function testDescription(o: Pick<NormalizedTestOptions, 'packages'>): string {
  return `go test ${o.packages.join(' ')}`;
}

export function planTest(o: NormalizedTestOptions, facts: TestFacts): TestPlan {
  // Tests run where they are built: linux on the engine's architecture.
  const platform = { os: 'linux', arch: facts.host.arch };
  const env = goContainerEnv({
    platform,
    cgo: false,
    vendored: o.vendored,
    hostEnv: facts.hostEnv,
    sourceDateEpoch: sourceDateEpoch(facts.version),
  });
  return { what: testDescription(o), args: goTestArgs(o), env, host: facts.host };
}

/** The go env of host mode: the container's, for the host's OS. */
export function hostTestEnv(plan: TestPlan): Record<string, string> {
  return { ...plan.env, GOOS: plan.host.os };
}

export interface TestContainerFacts {
  workspaceRoot: string;
  project: string;
  /** Nx target name (labels the container). */
  target: string;
  /** Names this run's container apart from any other run of the same task. */
  nonce: string;
  owner: Owner;
  image: string;
  user?: string;
  /** The filled module-cache volume of a non-vendored context. */
  modCache?: ModCache;
  /** The engine's copy of the module, mounted instead of the checkout (an engine that cannot see this machine). */
  sourceVolume?: string;
}

/** The test container: the module (or its copy in a volume) mounted read-only, the Go cache volume, labelled with the workspace. */
export function testContainer(plan: TestPlan, o: NormalizedTestOptions, f: TestContainerFacts): ContainerInput {
  return goContainerInput({
    name: goContainerName(f.workspaceRoot, f.project, 'test', f.nonce),
    image: f.image,
    cmd: ['go', ...plan.args],
    moduleDir: o.moduleDir,
    sourceVolume: f.sourceVolume,
    modulePath: o.modulePath,
    cacheVolume: o.cacheVolume,
    modCache: f.modCache,
    network: o.network,
    env: plan.env,
    user: f.user,
    labels: taskLabels({ workspaceRoot: f.workspaceRoot, project: f.project, target: f.target, platform: `${plan.env.GOOS}/${plan.env.GOARCH}` }, f.owner),
  });
}
