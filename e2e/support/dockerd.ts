import { ChildProcess, spawn, spawnSync } from 'child_process';
import Docker from 'dockerode';
import * as fs from 'fs';
import * as path from 'path';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

let bridges = 0;

/**
 * Run as `sh -c HIDE sh <dir> dockerd ...` inside `unshare --mount`: an empty
 * tmpfs over <dir> in the daemon's own mount namespace, then the daemon. Its
 * containerd, shims and runc inherit the namespace, so nothing it starts can
 * see what this machine keeps in <dir>. The namespace's copies of the host's
 * other mounts end with it, and never block a removal on the host.
 */
const HIDE = 'mount -t tmpfs -o size=1m,mode=0755 nkb-hidden "$1" && shift && exec "$@"';

/**
 * A dockerd of the test's own: its own data root, exec root, pidfile and
 * containerd namespace, a bridge of its own and no iptables changes, so
 * stopping it never touches the main engine. Subclasses say where it listens.
 */
export abstract class ExtraDockerd {
  readonly dir: string;
  docker!: Docker;
  private proc?: ChildProcess;
  /**
   * Not `--bridge=none`: dockerd then deletes the host's docker0 (moby's
   * removeDefaultBridgeInterface), and the main engine's bridge network with it.
   */
  private readonly bridge: string;
  private readonly index = bridges++;
  /**
   * A dir this daemon cannot see (with `hide`): on this machine it is a dir
   * like any other, in the daemon's mount namespace an empty tmpfs. A checkout
   * in it is out of the engine's reach, as on another machine.
   */
  readonly hidden?: string;
  private mountNs?: string;

  constructor(prefix: string, opts: { hide?: boolean } = {}) {
    this.dir = fs.mkdtempSync(`/tmp/${prefix}-`);
    this.bridge = `nkb${process.pid % 100000}b${this.index}`;
    if (opts.hide) this.hidden = fs.mkdtempSync(`/tmp/${prefix}-hidden-`);
  }

  private makeBridge(): void {
    spawnSync('ip', ['link', 'del', this.bridge]);
    const subnet = 200 + (process.pid % 50);
    for (const args of [
      ['link', 'add', this.bridge, 'type', 'bridge'],
      ['addr', 'add', `10.${subnet}.${this.index % 250}.1/24`, 'dev', this.bridge],
    ]) {
      const r = spawnSync('ip', args, { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`ip ${args.join(' ')} failed: ${r.stderr || r.error}`);
    }
  }

  /** The --host (and TLS) flags, and a client for that address. */
  protected abstract listen(): Promise<{ args: string[]; client: Docker }>;

  async start(): Promise<void> {
    const { args, client } = await this.listen();
    this.docker = client;
    this.makeBridge();
    const log = fs.openSync(path.join(this.dir, 'dockerd.log'), 'a');
    const ns = `nkb-${path.basename(this.dir)}`;
    // Its roots, pidfile and certificates stay outside the hidden dir, so they are the same files for it and for us.
    const [cmd, ...argv] = [
      ...(this.hidden ? ['unshare', '--mount', '--propagation', 'private', 'sh', '-c', HIDE, 'sh', this.hidden] : []),
      'dockerd',
      `--data-root=${path.join(this.dir, 'data')}`,
      `--exec-root=${path.join(this.dir, 'exec')}`,
      `--pidfile=${path.join(this.dir, 'docker.pid')}`,
      ...args,
      `--bridge=${this.bridge}`,
      '--iptables=false',
      '--ip-forward=false',
      '--ip-masq=false',
      `--containerd-namespace=${ns}`,
      `--containerd-plugins-namespace=${ns}-plugins`,
    ];
    // unshare and sh exec in place: the pid is the daemon's.
    this.proc = spawn(cmd, argv, { detached: true, stdio: ['ignore', log, log] });
    fs.closeSync(log);
    const end = Date.now() + 60_000;
    while (Date.now() < end) {
      if (this.proc.exitCode !== null) break;
      if (await this.docker.ping().then(() => true, () => false)) {
        this.mountNs = this.hidden ? fs.readlinkSync(`/proc/${this.proc.pid}/ns/mnt`) : undefined;
        return;
      }
      await sleep(200);
    }
    throw new Error(`the dockerd in ${this.dir} did not come up:\n${this.logTail()}`);
  }

  /** SIGTERM, as `systemctl stop docker` sends; SIGKILL to its group if it hangs. */
  async stop(): Promise<void> {
    const p = this.proc;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const hung = new Promise<boolean>((r) => (timer = setTimeout(() => r(true), 30_000)));
    const stuck = await Promise.race([exited.then(() => false), hung]);
    clearTimeout(timer);
    if (!stuck) return;
    process.kill(-p.pid!, 'SIGKILL');
    await exited;
  }

  async destroy(): Promise<void> {
    await this.stop();
    this.killLeftInNamespace();
    // A daemon that did not shut down cleanly can leave mounts under its roots.
    const mounts = fs
      .readFileSync('/proc/self/mounts', 'utf8')
      .split('\n')
      .map((l) => l.split(' ')[1])
      .filter((m) => m && m.startsWith(this.dir + '/'))
      .reverse();
    for (const m of mounts) spawnSync('umount', ['-l', m]);
    spawnSync('ip', ['link', 'del', this.bridge]);
    fs.rmSync(this.dir, { recursive: true, force: true });
    if (this.hidden) fs.rmSync(this.hidden, { recursive: true, force: true });
  }

  /**
   * A hidden daemon's mounts live in its own namespace, which ends with the
   * last process in it: kill any shim or containerd that outlived the daemon.
   */
  private killLeftInNamespace(): void {
    // Never this process's own namespace: that would be every process on the machine, the main dockerd included.
    if (!this.mountNs || this.mountNs === fs.readlinkSync('/proc/self/ns/mnt')) return;
    for (const pid of fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
      try {
        if (fs.readlinkSync(`/proc/${pid}/ns/mnt`) === this.mountNs) process.kill(Number(pid), 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }
  }

  logTail(): string {
    const file = path.join(this.dir, 'dockerd.log');
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').slice(-30).join('\n') : '';
  }
}

/** An extra dockerd on a unix socket of its own. */
export class SocketDockerd extends ExtraDockerd {
  readonly socket: string;
  readonly env: Record<string, string>;

  constructor() {
    super('nkb-dockerd');
    this.socket = path.join(this.dir, 'docker.sock');
    this.env = { DOCKER_HOST: `unix://${this.socket}` };
    this.docker = new Docker({ socketPath: this.socket });
  }

  protected async listen(): Promise<{ args: string[]; client: Docker }> {
    return { args: [`--host=unix://${this.socket}`], client: this.docker };
  }
}
