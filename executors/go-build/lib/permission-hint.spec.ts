import { permissionHint } from './permission-hint';

describe('permissionHint', () => {
  const input = { user: '1001:1001', cacheVolume: 'nx-kube-build-gocache', modCacheVolume: 'nx-kube-build-gomod-2ed1e1f4f004a06b', outputDir: '_output/dockerized/bin/linux/amd64', outputOwner: 0 };
  // go 1.19's own words when the cache dir belongs to another uid.
  const cacheDenied = 'go build example.com/hello/cmd/hello: open /go-cache/build/3f/3f2a-d: permission denied\n';

  it.each([
    [
      'a shared Go cache volume another uid wrote',
      cacheDenied,
      input,
      'uid 1001 may not write /go-cache/build/3f/3f2a-d in the Go cache volume nx-kube-build-gocache, which another uid wrote first: leave cacheVolume unset so each uid gets its own (nx-kube-build-gocache-1001), or set it to a volume only uid 1001 uses.',
    ],
    [
      "the uid's own Go cache volume",
      'go: failed to initialize build cache at /go-cache/build: mkdir /go-cache/build: permission denied\n',
      { ...input, cacheVolume: 'nx-kube-build-gocache-1001' },
      'uid 1001 may not write /go-cache/build in its Go cache volume nx-kube-build-gocache-1001 (made by another uid, or from an image whose /go-cache is not mode 1777): remove it (docker volume rm nx-kube-build-gocache-1001) and the next build fills it again.',
    ],
    [
      'a module-cache volume the uid may not read',
      'main.go:5:2: open /go-mod/mod/example.test/greet@v1.1.0/greet.go: permission denied\n',
      input,
      'uid 1001 may not read /go-mod/mod/example.test/greet@v1.1.0/greet.go in the module-cache volume nx-kube-build-gomod-2ed1e1f4f004a06b: remove it (docker volume rm nx-kube-build-gomod-2ed1e1f4f004a06b) and the next build fills it again as this uid.',
    ],
    [
      'an output dir of another uid',
      'go build example.com/hello/cmd/hello: copying /tmp/go-build1612926494/b001/exe/a.out: open /output/.hello.73d4b17829e7.tmp: permission denied\n',
      input,
      'uid 1001 may not write the output dir _output/dockerized/bin/linux/amd64 (it belongs to uid 0, a build run as another user such as sudo): chown it to uid 1001 or remove it, then build again.',
    ],
  ])('%s', (_what, output, i, hint) => {
    expect(permissionHint(output, i)).toBe(hint);
  });

  it('says nothing for other failures, paths that only end in a mount name, or a mount it was not told about', () => {
    expect(permissionHint('main.go:3:2: undefined: x\n', input)).toBeUndefined();
    expect(permissionHint('open /tmp/go-cache/x: permission denied\n', input)).toBeUndefined();
    expect(permissionHint('open /go/src/example.com/hello/x: permission denied\n', input)).toBeUndefined();
    expect(permissionHint('open /go-mod/mod/x: permission denied\n', { ...input, modCacheVolume: undefined })).toBeUndefined();
    expect(permissionHint('open /output/x: permission denied\n', { ...input, outputDir: undefined })).toBeUndefined();
  });

  it('names no other owner when the output dir is the caller\'s own', () => {
    expect(permissionHint('open /output/.tiny.1.tmp: permission denied\n', { ...input, outputOwner: 1001 })).toBe(
      'uid 1001 may not write the output dir _output/dockerized/bin/linux/amd64: chown it to uid 1001 or remove it, then build again.',
    );
  });

  it("names the image's user when the container ran without one", () => {
    expect(permissionHint(cacheDenied, { ...input, user: undefined })).toMatch(/^uid the image's user may not write .* leave cacheVolume unset so each uid gets its own \(nx-kube-build-gocache-<uid>\)/);
  });
});
