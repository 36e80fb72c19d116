#!/usr/bin/env bash
# Runs the e2e suite of a release's test tarball against a cluster (sample stand-in).
set -o errexit -o nounset -o pipefail
KUBE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "${KUBE_ROOT}/hack/lib/init.sh"
kube::log::status "would run ginkgo on ${KUBE_ROOT}/platforms/*/e2e.test"
