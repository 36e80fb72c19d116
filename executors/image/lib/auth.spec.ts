import { authFromDockerConfig, dockerConfigFile, resolveAuth } from './auth';

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('registry credentials', () => {
  it('prefers the auth option, filling in the server address', () => {
    expect(resolveAuth({ username: 'u', password: 'p' }, '127.0.0.1:5000', {}, () => '{}')).toEqual({
      auth: { serveraddress: '127.0.0.1:5000', username: 'u', password: 'p' },
      source: 'the auth option',
    });
  });

  it('reads user:password from the docker config entry of the registry host', () => {
    const config = { auths: { 'https://gcr.io': { auth: b64('_json_key:se:cret') } } };
    expect(authFromDockerConfig(config, 'gcr.io', '/h/.docker/config.json')).toEqual({
      auth: { serveraddress: 'gcr.io', username: '_json_key', password: 'se:cret' },
      source: '/h/.docker/config.json (https://gcr.io)',
    });
    expect(authFromDockerConfig({ auths: { 'https://index.docker.io/v1/': { identitytoken: 't' } } }, 'docker.io').auth).toEqual({
      serveraddress: 'docker.io',
      identitytoken: 't',
    });
  });

  it('pushes anonymously without an entry, and says so when a credential helper holds it', () => {
    expect(authFromDockerConfig({ auths: { other: { auth: b64('a:b') } } }, '127.0.0.1:5000')).toEqual({ source: 'anonymous' });
    expect(authFromDockerConfig({ credsStore: 'desktop' }, 'gcr.io', 'config.json')).toEqual({
      source: 'anonymous',
      note: 'config.json keeps the credentials of gcr.io in the docker-credential-desktop helper, which is not run; pass the auth option to push with them.',
    });
  });

  it('reads $DOCKER_CONFIG/config.json, else ~/.docker/config.json; no file is anonymous', () => {
    expect(dockerConfigFile({ DOCKER_CONFIG: '/etc/dc', HOME: '/h' })).toBe('/etc/dc/config.json');
    expect(dockerConfigFile({ HOME: '/h' })).toBe('/h/.docker/config.json');
    const missing = () => {
      throw new Error('ENOENT');
    };
    expect(resolveAuth(undefined, 'gcr.io', { HOME: '/h' }, missing)).toEqual({ source: 'anonymous' });
    expect(() => resolveAuth(undefined, 'gcr.io', { HOME: '/h' }, () => '{oops')).toThrow(
      /^\/h\/\.docker\/config\.json is not JSON \(.*\); fix it or pass the auth option to push to gcr\.io\.$/,
    );
  });

  it('rejects an auth that is not user:password', () => {
    expect(() => authFromDockerConfig({ auths: { 'gcr.io': { auth: b64('nocolon') } } }, 'gcr.io', 'c.json')).toThrow(
      new Error('The auth of gcr.io in c.json is not base64 of user:password; run docker login gcr.io again.'),
    );
  });
});
