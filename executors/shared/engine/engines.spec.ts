import {
  copiesSources,
  engineEnv,
  engineKey,
  isLocalEngineUrl,
  parseEngineList,
  parseSyncMode,
  resolveEngineSpecs,
} from './engines';

describe('parseEngineList', () => {
  it.each([
    ['unix:///var/run/docker.sock', [{ url: 'unix:///var/run/docker.sock' }]],
    [
      'unix:///var/run/docker.sock, tcp://10.0.0.5:2376|/etc/certs/b1 ,tcp://builder-2:2376/',
      [
        { url: 'unix:///var/run/docker.sock' },
        { url: 'tcp://10.0.0.5:2376', certDir: '/etc/certs/b1' },
        { url: 'tcp://builder-2:2376' },
      ],
    ],
    ['tcp://[fd00::5]:2376|certs', [{ url: 'tcp://[fd00::5]:2376', certDir: 'certs' }]],
    [' , ,', []],
  ])('%j', (raw, expected) => {
    expect(parseEngineList(raw, 'NX_KUBE_BUILD_ENGINES')).toEqual(expected);
  });

  it('takes an array as the engines option gives it', () => {
    expect(parseEngineList(['tcp://a:2376|/c', 'unix:///s'], 'The engines option')).toEqual([
      { url: 'tcp://a:2376', certDir: '/c' },
      { url: 'unix:///s' },
    ]);
  });

  it.each([
    [
      'ssh://builder',
      'NX_KUBE_BUILD_ENGINES entry "ssh://builder" is not an engine address: use unix:///path/to/docker.sock or tcp://host:port, optionally followed by |<folder of ca.pem, cert.pem, key.pem>.',
    ],
    [
      'builder:2376',
      'NX_KUBE_BUILD_ENGINES entry "builder:2376" is not an engine address: use unix:///path/to/docker.sock or tcp://host:port, optionally followed by |<folder of ca.pem, cert.pem, key.pem>.',
    ],
    [
      'tcp://a:2376|',
      'NX_KUBE_BUILD_ENGINES entry "tcp://a:2376|" has an empty certificate folder: write tcp://host:port|/path/to/certs, or drop the "|".',
    ],
    [
      'unix:///s|/certs',
      'NX_KUBE_BUILD_ENGINES entry "unix:///s|/certs" has a certificate folder for a unix socket: write tcp://host:port|/path/to/certs, or drop the "|".',
    ],
    ['tcp://a:1,tcp://a:1/', 'NX_KUBE_BUILD_ENGINES lists tcp://a:1 twice: list each engine once.'],
  ])('rejects %j', (raw, message) => {
    expect(() => parseEngineList(raw, 'NX_KUBE_BUILD_ENGINES')).toThrow(message);
  });
});

describe('resolveEngineSpecs', () => {
  it('is undefined without the option and the variable: one engine, DOCKER_HOST', () => {
    expect(resolveEngineSpecs(undefined, {})).toBeUndefined();
    expect(resolveEngineSpecs([], { NX_KUBE_BUILD_ENGINES: '  ' })).toBeUndefined();
  });

  it('prefers the option over the variable', () => {
    expect(resolveEngineSpecs(['tcp://a:1'], { NX_KUBE_BUILD_ENGINES: 'tcp://b:1' })).toEqual([{ url: 'tcp://a:1' }]);
    expect(resolveEngineSpecs(undefined, { NX_KUBE_BUILD_ENGINES: 'tcp://b:1' })).toEqual([{ url: 'tcp://b:1' }]);
  });

  it('rejects a variable that lists no engine', () => {
    expect(() => resolveEngineSpecs(undefined, { NX_KUBE_BUILD_ENGINES: ',' })).toThrow(
      'NX_KUBE_BUILD_ENGINES "," lists no engine: give DOCKER_HOST values separated by commas, or unset it.',
    );
  });
});

describe('engineEnv', () => {
  const none = (): boolean => false;

  it('never uses TLS for a unix socket', () => {
    expect(engineEnv({ url: 'unix:///s' }, { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/c' }, '/ws', none)).toEqual({
      DOCKER_HOST: 'unix:///s',
    });
  });

  it('uses the entry certificate folder, relative to the workspace', () => {
    expect(engineEnv({ url: 'tcp://b:2376', certDir: 'certs/b' }, {}, '/ws', none)).toEqual({
      DOCKER_HOST: 'tcp://b:2376',
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: '/ws/certs/b',
    });
  });

  it('uses a <host>_<port> sub-folder of DOCKER_CERT_PATH when it holds ca.pem', () => {
    const exists = (f: string): boolean => f === '/c/b_2376/ca.pem';
    expect(engineEnv({ url: 'tcp://b:2376' }, { DOCKER_CERT_PATH: '/c' }, '/ws', exists)).toEqual({
      DOCKER_HOST: 'tcp://b:2376',
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: '/c/b_2376',
    });
  });

  it('otherwise keeps the caller DOCKER_TLS_VERIFY and DOCKER_CERT_PATH', () => {
    expect(engineEnv({ url: 'tcp://b:2376' }, { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/c', HOME: '/h' }, '/ws', none)).toEqual({
      DOCKER_HOST: 'tcp://b:2376',
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: '/c',
      HOME: '/h',
    });
    expect(engineEnv({ url: 'tcp://b:2375' }, {}, '/ws', none)).toEqual({ DOCKER_HOST: 'tcp://b:2375' });
  });
});

describe('isLocalEngineUrl and copiesSources', () => {
  it.each([
    ['', true],
    ['unix:///var/run/docker.sock', true],
    ['tcp://127.0.0.1:2376', true],
    ['tcp://127.3.4.5:2376', true],
    ['tcp://localhost:2375', true],
    ['tcp://[::1]:2376', true],
    ['tcp://10.0.0.5:2376', false],
    ['tcp://builder.example:2376', false],
    ['tcp://[fd00::5]:2376', false],
  ])('%s is local: %s', (url, local) => {
    expect(isLocalEngineUrl(url)).toBe(local);
    expect(copiesSources('auto', url)).toBe(!local);
    expect(copiesSources('copy', url)).toBe(true);
    expect(copiesSources('mount', url)).toBe(false);
  });
});

describe('parseSyncMode', () => {
  it('defaults to auto and rejects anything else', () => {
    expect(parseSyncMode(undefined)).toBe('auto');
    expect(parseSyncMode('copy')).toBe('copy');
    expect(() => parseSyncMode('rsync')).toThrow('sync "rsync" is not supported: use "auto", "copy", "mount".');
  });
});

describe('engineKey', () => {
  it('is short, file-name safe and distinct per address', () => {
    expect(engineKey('tcp://a:1')).toMatch(/^[0-9a-f]{12}$/);
    expect(engineKey('tcp://a:1')).not.toBe(engineKey('tcp://a:2'));
  });
});
