import { containerSpec, engineAddress, sanitizeContainerName } from './docker';

describe('engineAddress', () => {
  const certs = (f: string): Buffer => Buffer.from(`pem of ${f}`);

  it('defaults to the local unix socket', () => {
    const a = engineAddress({});
    expect(a.url).toBe('unix:///var/run/docker.sock');
    expect(a.options).toEqual({ socketPath: '/var/run/docker.sock', host: undefined });
  });

  it('reads a unix:// DOCKER_HOST', () => {
    const a = engineAddress({ DOCKER_HOST: 'unix:///run/user/1000/docker.sock' });
    expect(a.url).toBe('unix:///run/user/1000/docker.sock');
    expect(a.options.socketPath).toBe('/run/user/1000/docker.sock');
    expect(a.options.host).toBeUndefined();
  });

  it('reads a plain tcp:// DOCKER_HOST with the default port', () => {
    const a = engineAddress({ DOCKER_HOST: 'tcp://10.0.0.5' });
    expect(a.options).toMatchObject({ host: '10.0.0.5', port: '2375', protocol: 'http', socketPath: undefined });
    expect(a.options.ca).toBeUndefined();
  });

  it('uses TLS with the certificates of DOCKER_CERT_PATH when DOCKER_TLS_VERIFY is set', () => {
    const a = engineAddress(
      { DOCKER_HOST: 'tcp://docker.example:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' },
      certs,
    );
    expect(a.url).toBe('tcp://docker.example:2376');
    expect(a.options).toMatchObject({ host: 'docker.example', port: '2376', protocol: 'https' });
    expect(a.options.ca?.toString()).toBe('pem of /certs/ca.pem');
    expect(a.options.cert?.toString()).toBe('pem of /certs/cert.pem');
    expect(a.options.key?.toString()).toBe('pem of /certs/key.pem');
  });

  it('defaults the TLS port to 2376 and the cert folder to ~/.docker', () => {
    const read: string[] = [];
    const a = engineAddress({ DOCKER_HOST: 'tcp://h', DOCKER_TLS_VERIFY: '1', HOME: '/home/u' }, (f) => {
      read.push(f);
      return Buffer.from('x');
    });
    expect(a.options.port).toBe('2376');
    expect(read).toEqual(['/home/u/.docker/ca.pem', '/home/u/.docker/cert.pem', '/home/u/.docker/key.pem']);
  });

  it('says which certificate is missing', () => {
    expect(() =>
      engineAddress({ DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/nope' }, () => {
        throw new Error('ENOENT');
      }),
    ).toThrow(
      'DOCKER_TLS_VERIFY is set but /nope/ca.pem cannot be read (ENOENT): set DOCKER_CERT_PATH to the folder holding ca.pem, cert.pem and key.pem.',
    );
  });

  it('rejects schemes it cannot dial', () => {
    expect(() => engineAddress({ DOCKER_HOST: 'ssh://me@host' })).toThrow(
      'DOCKER_HOST "ssh://me@host" is not supported: use unix:///path/to/docker.sock or tcp://host:port.',
    );
  });
});

describe('containerSpec', () => {
  const spec = containerSpec({
    name: 'kube-build-1234abcd-kubelet-linux-amd64',
    image: 'kube-build:build-0123456789ab',
    cmd: ['go', 'build', '-o', '/output/x', './cmd/kubelet'],
    workingDir: '/go/src/k8s.io/kubernetes',
    user: '1000:1000',
    env: { GOOS: 'linux', GOARCH: 'amd64' },
    mounts: [
      { type: 'bind', source: '/ws/workspace', target: '/go/src/k8s.io/kubernetes', readOnly: true },
      { type: 'bind', source: '/ws/workspace/_output/bin', target: '/output', readOnly: false },
      { type: 'volume', source: 'nx-kube-build-gocache', target: '/go-cache', readOnly: false },
    ],
    network: 'none',
  });

  it('runs the command as the caller without a TTY so stdout and stderr stay apart', () => {
    expect(spec.Entrypoint).toEqual(['go']);
    expect(spec.Cmd).toEqual(['build', '-o', '/output/x', './cmd/kubelet']);
    expect(spec.User).toBe('1000:1000');
    expect(spec.Tty).toBe(false);
    expect(spec.OpenStdin).toBe(false);
    expect(spec.WorkingDir).toBe('/go/src/k8s.io/kubernetes');
    expect(spec.Env).toEqual(['GOARCH=amd64', 'GOOS=linux']);
  });

  it('locks the container down', () => {
    expect(spec.HostConfig).toMatchObject({
      NetworkMode: 'none',
      Privileged: false,
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
      AutoRemove: false,
    });
    expect(spec.HostConfig?.Binds).toBeUndefined();
    expect(spec.Labels).toEqual({ 'io.nx-kube-build.managed': 'true' });
  });

  it('keeps read-only and read-write mounts as given', () => {
    expect(spec.HostConfig?.Mounts).toEqual([
      { Type: 'bind', Source: '/ws/workspace', Target: '/go/src/k8s.io/kubernetes', ReadOnly: true },
      { Type: 'bind', Source: '/ws/workspace/_output/bin', Target: '/output', ReadOnly: false },
      { Type: 'volume', Source: 'nx-kube-build-gocache', Target: '/go-cache', ReadOnly: false },
    ]);
  });

  it('never mounts the Docker socket', () => {
    expect(() =>
      containerSpec({
        name: 'c',
        image: 'i',
        cmd: ['go'],
        workingDir: '/',
        env: {},
        mounts: [{ type: 'bind', source: '/var/run/docker.sock', target: '/var/run/docker.sock', readOnly: true }],
        network: 'none',
      }),
    ).toThrow('Refusing to mount the Docker socket /var/run/docker.sock into c: build containers never get engine access.');
  });
});

describe('sanitizeContainerName', () => {
  it.each([
    ['kube-build-1a2b3c4d-kubelet-linux-amd64', 'kube-build-1a2b3c4d-kubelet-linux-amd64'],
    ['kube-build-1a2b3c4d-@scope/app-linux-arm64', 'kube-build-1a2b3c4d-scope-app-linux-arm64'],
    ['--x y', 'x-y'],
    ['', 'kube-build'],
  ])('%s → %s', (input, want) => {
    expect(sanitizeContainerName(input)).toBe(want);
  });
});
