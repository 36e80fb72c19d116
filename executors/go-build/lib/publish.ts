/** Moves a complete binary into place, or says why there is none; a failed build leaves the previous binary as it was. */
import * as fs from 'fs';
import { toPosixRel } from '../../shared/module/paths';
import { BuildPlan, partialBinary } from './plan';

/**
 * Publishes the partial binary of `plan` after go exited with `code`; returns
 * the workspace-relative binary. A failure says `hint` first when there is one.
 */
export function publishBinary(plan: BuildPlan, code: number, workspaceRoot: string, main: string, hint?: string): string {
  const binary = toPosixRel(workspaceRoot, plan.output.binary);
  if (code !== 0) {
    const failed = `${plan.what} failed with exit code ${code}`;
    throw new Error(
      hint
        ? `${failed}. ${hint} (${binary} was left as it was; the compiler output is above.)`
        : `${failed}: the compiler output is above; ${binary} was left as it was.`,
    );
  }
  const partial = partialBinary(plan);
  if (!fs.existsSync(partial)) {
    throw new Error(`${plan.what} exited 0 but wrote no binary: check that ${main} ${plan.flags.testBinary ? 'has _test.go files' : 'is a main package'}.`);
  }
  fs.chmodSync(partial, 0o755);
  fs.renameSync(partial, plan.output.binary);
  return binary;
}

/** Moves a binary a batch's go wrote (`produced`, in its scratch dir) into `plan`'s path; returns it workspace-relative. */
export function publishProduced(plan: BuildPlan, produced: string, workspaceRoot: string): string {
  fs.mkdirSync(plan.output.dir, { recursive: true });
  fs.chmodSync(produced, 0o755);
  fs.renameSync(produced, plan.output.binary);
  return toPosixRel(workspaceRoot, plan.output.binary);
}
