#!/usr/bin/env bash
# Brings a cluster up with the provider's scripts (sample stand-in).
set -o errexit -o nounset -o pipefail
KUBE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "${KUBE_ROOT}/hack/lib/init.sh"
kube::log::status "Bringing up a cluster with ${KUBERNETES_PROVIDER:-gce}"
