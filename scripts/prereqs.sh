#!/usr/bin/env bash
# Gets what `npm run demo` and `npm test` need on a fresh machine: npm packages,
# a Docker Engine that answers, a host Go toolchain (used only to assemble
# the offline kube-build image), docker-registry (the image push e2e) and
# mmdebstrap (the cgo image).
# Stops with one line naming what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "prereqs: $*" >&2; }
die() { say "$*"; exit 1; }

if [ ! -d node_modules ] || [ ! -e node_modules/.package-lock.json ]; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund >/dev/null
fi

# nx resolves the plugin as the package nx-kube-build: compiled, and linked into node_modules.
if [ ! -f dist/plugin/index.js ] || [ ! -L node_modules/nx-kube-build ]; then
  say "building the plugin (npm run build)"
  npm run build --silent >/dev/null
fi

missing=()
if ! command -v dockerd >/dev/null 2>&1 && ! docker version >/dev/null 2>&1; then missing+=(docker.io); fi
command -v go >/dev/null 2>&1 || missing+=(golang-go)
command -v git >/dev/null 2>&1 || missing+=(git)
command -v docker-registry >/dev/null 2>&1 || missing+=(docker-registry)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
# The cgo image is Debian assembled by mmdebstrap; the cgo e2e reads its binaries with file.
command -v mmdebstrap >/dev/null 2>&1 || missing+=(mmdebstrap)
command -v file >/dev/null 2>&1 || missing+=(file)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing ${missing[*]} from Debian packages"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    die "install ${missing[*]} (Debian/Ubuntu: sudo apt-get install ${missing[*]}), then run this again"
  fi
fi

# The engine: DOCKER_HOST when set, else the local socket; start dockerd when we can.
engine_up() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }
if ! engine_up; then
  [ -z "${DOCKER_HOST:-}" ] || die "the Docker Engine at DOCKER_HOST=${DOCKER_HOST} does not answer; start it or unset DOCKER_HOST"
  command -v dockerd >/dev/null 2>&1 || die "no Docker Engine: install docker.io (Debian/Ubuntu) or Docker Engine, then run this again"
  [ "$(id -u)" = 0 ] || die "the Docker Engine is not running: start it (sudo systemctl start docker, or sudo dockerd &) and run this again"
  say "starting dockerd"
  mkdir -p /var/log
  nohup dockerd >/var/log/nx-kube-build-dockerd.log 2>&1 &
  for _ in $(seq 1 60); do engine_up && break; sleep 1; done
  engine_up || die "dockerd did not start within 60s; see /var/log/nx-kube-build-dockerd.log"
fi
say "ok: node $(node --version), $(go version | cut -d' ' -f3), docker engine $(docker version --format '{{.Server.Version}}')"
