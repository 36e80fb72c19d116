import { execFileSync } from 'child_process';
import Docker from 'dockerode';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { ExtraDockerd } from './dockerd';

function openssl(cwd: string, ...args: string[]): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/**
 * A CA, a server certificate for IP 127.0.0.1 and a client certificate, laid
 * out as DOCKER_CERT_PATH expects (ca.pem, cert.pem, key.pem) plus the
 * server's own pair.
 */
export function makeCertificates(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const days = '2';
  openssl(dir, 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca-key.pem', '-out', 'ca.pem', '-days', days, '-subj', '/CN=nx-kube-build e2e CA');
  openssl(dir, 'req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server-key.pem', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  fs.writeFileSync(path.join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  openssl(dir, 'x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-out', 'server-cert.pem', '-days', days, '-extfile', 'server.ext');
  openssl(dir, 'req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'key.pem', '-out', 'client.csr', '-subj', '/CN=nx-kube-build e2e client');
  fs.writeFileSync(path.join(dir, 'client.ext'), 'extendedKeyUsage=clientAuth\n');
  openssl(dir, 'x509', '-req', '-in', 'client.csr', '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-out', 'cert.pem', '-days', days, '-extfile', 'client.ext');
}

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/**
 * A second dockerd with its own data root, exec root and pidfile, listening
 * only on tcp://127.0.0.1:<port> with mutual TLS (--tlsverify), no bridge and
 * no iptables changes, in its own containerd namespace.
 */
export class TlsEngine extends ExtraDockerd {
  readonly certs: string;
  port = 0;

  /** `hide`: the daemon runs in its own mount namespace and cannot see `hidden` (see ExtraDockerd). */
  constructor(opts: { hide?: boolean } = {}) {
    super('nkb-tlsd', opts);
    this.certs = path.join(this.dir, 'certs');
  }

  get url(): string {
    return `tcp://127.0.0.1:${this.port}`;
  }

  /** The variables a client needs to reach it, as the docker CLI reads them. */
  get env(): Record<string, string> {
    return { DOCKER_HOST: this.url, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: this.certs };
  }

  protected async listen(): Promise<{ args: string[]; client: Docker }> {
    if (this.port === 0) {
      makeCertificates(this.certs);
      this.port = await freePort();
    }
    const c = (f: string): Buffer => fs.readFileSync(path.join(this.certs, f));
    return {
      args: [
        `--host=${this.url}`,
        '--tlsverify',
        `--tlscacert=${path.join(this.certs, 'ca.pem')}`,
        `--tlscert=${path.join(this.certs, 'server-cert.pem')}`,
        `--tlskey=${path.join(this.certs, 'server-key.pem')}`,
      ],
      client: new Docker({ host: '127.0.0.1', port: this.port, protocol: 'https', ca: c('ca.pem'), cert: c('cert.pem'), key: c('key.pem') }),
    };
  }
}
