import { containerSpec, sanitizeContainerName } from './spec';

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
