#!/usr/bin/env bash
# Downloads the server and client binaries of the release named in ../version
# (the sample's stand-in for Kubernetes' cluster/get-kube-binaries.sh).
set -o errexit -o nounset -o pipefail
KUBE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
echo "would download kubernetes-server and kubernetes-client $(cat "${KUBE_ROOT}/version")"
