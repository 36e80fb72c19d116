import { engineAddress } from './address';

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
