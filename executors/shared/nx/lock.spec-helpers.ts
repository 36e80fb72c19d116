/** Lock files for the specs of the locks' callers: test-only (package.json leaves out *.spec-helpers.*). */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { newNonce, ownedFileText } from './lock';
import { currentOwner } from './owner';

/** `file` as a lock held by another acquisition of this process, so alive. */
export function heldByThisProcess(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, ownedFileText(currentOwner(), newNonce()));
}

/**
 * Lets a waiter start waiting, then moves Date.now `ms` further ahead at each
 * read, so its next look times out even if it only started late. Call the
 * result to undo.
 */
export function clockLeapsAfter(delayMs: number, ms: number): () => void {
  const real = Date.now;
  let leaps = 0;
  const timer = setTimeout(() => {
    Date.now = () => real() + ++leaps * ms;
  }, delayMs);
  return () => {
    clearTimeout(timer);
    Date.now = real;
  };
}

/** How the sentence of a waiter that gave up on `file` held by this process starts. */
export const gaveUpOn = (waited: string, what: string, file: string): string =>
  `Waited ${waited} for ${what} (lock file ${file}), held by pid ${process.pid} on host ${os.hostname()}, started `;
