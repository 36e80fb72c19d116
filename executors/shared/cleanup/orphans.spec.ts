import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LABEL, taskLabels } from '../container/labels';
import type { ContainerSummary } from '../engine/docker';
import type { Owner } from '../nx/owner';
import { isOrphan, reapedLine, reapOrphans } from './orphans';
import { reapScratch, scratchDir, trackScratch } from './scratch';

const live: Owner = { host: 'h', pid: 10, start: '1' };
const dead: Owner = { host: 'h', pid: 11, start: '1' };
const alive = (o: Owner): boolean => o.pid === live.pid;

function tempWorkspace(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'nkb-orphans-'));
}

describe('isOrphan', () => {
  const labels = (o: Owner) => taskLabels({ workspaceRoot: '/ws', project: 'kubelet', target: 'build', platform: 'linux/amd64' }, o);
  it('a container of a gone owner is an orphan, running or not; a live owner\'s never is', () => {
    expect(isOrphan({ state: 'running', labels: labels(dead) }, alive)).toBe(true);
    expect(isOrphan({ state: 'exited', labels: labels(dead) }, alive)).toBe(true);
    expect(isOrphan({ state: 'running', labels: labels(live) }, alive)).toBe(false);
    expect(isOrphan({ state: 'exited', labels: labels(live) }, alive)).toBe(false);
  });
  it('one without owner labels (made before them) is an orphan only once stopped', () => {
    expect(isOrphan({ state: 'exited', labels: { [LABEL.workspace]: '/ws' } }, alive)).toBe(true);
    expect(isOrphan({ state: 'running', labels: { [LABEL.workspace]: '/ws' } }, alive)).toBe(false);
  });
});

describe('reapOrphans', () => {
  it('removes the gone owners\' containers of this workspace, then their scratch files, and says what', async () => {
    const ws = tempWorkspace();
    const partialDead = path.join(ws, '.kubelet.aaa.tmp');
    const partialLive = path.join(ws, '.kubelet.bbb.tmp');
    trackScratch(ws, [partialDead], dead);
    trackScratch(ws, [partialLive], live);
    fs.writeFileSync(partialDead, 'half');
    fs.writeFileSync(partialLive, 'half');
    const containers: ContainerSummary[] = [
      { id: 'c1', name: 'kube-build-x-kubelet-linux-amd64-aaa', state: 'running', labels: taskLabels({ workspaceRoot: ws, project: 'kubelet', target: 'build' }, dead) },
      { id: 'c2', name: 'kube-build-x-kubelet-linux-amd64-bbb', state: 'running', labels: taskLabels({ workspaceRoot: ws, project: 'kubelet', target: 'build' }, live) },
    ];
    const asked: Record<string, string>[] = [];
    const removed: string[] = [];
    const order: string[] = [];
    const engine = {
      listContainers: async (l: Record<string, string>) => (asked.push(l), containers),
      removeContainer: async (id: string) => {
        removed.push(id);
        order.push(fs.existsSync(partialDead) ? 'container-before-file' : 'file-before-container');
      },
    };
    const r = await reapOrphans(engine, ws, alive);
    expect(asked).toEqual([{ [LABEL.workspace]: ws }]);
    expect(removed).toEqual(['c1']);
    expect(order).toEqual(['container-before-file']);
    expect(r).toEqual({ containers: ['kube-build-x-kubelet-linux-amd64-aaa'], files: [partialDead] });
    expect(fs.existsSync(partialDead)).toBe(false);
    expect(fs.existsSync(partialLive)).toBe(true);
    expect(reapedLine(r)).toBe(
      `Removed what an interrupted run left behind: 1 container(s) (kube-build-x-kubelet-linux-amd64-aaa) and 1 partial file(s) (${partialDead})`,
    );
    expect(reapedLine({ containers: [], files: [] })).toBeUndefined();
    fs.rmSync(ws, { recursive: true, force: true });
  });
});

describe('scratch', () => {
  it('release removes the files and the record; a gone owner\'s record is reaped once', () => {
    const ws = tempWorkspace();
    const f = path.join(ws, 'p.tmp');
    const s = trackScratch(ws, [f], live);
    fs.writeFileSync(f, 'x');
    s.release();
    s.release();
    expect(fs.existsSync(f)).toBe(false);
    expect(fs.readdirSync(scratchDir(ws))).toEqual([]);
    const g = path.join(ws, 'q.tmp');
    trackScratch(ws, [g], dead);
    fs.writeFileSync(g, 'x');
    expect(reapScratch(ws, alive)).toEqual([g]);
    expect(reapScratch(ws, alive)).toEqual([]);
    expect(fs.readdirSync(scratchDir(ws))).toEqual([]);
    fs.rmSync(ws, { recursive: true, force: true });
  });
});
