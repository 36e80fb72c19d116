#!/usr/bin/env bash
# Sourced by cluster/ and hack/ scripts: the kube:: shell library (sample stand-in).
KUBE_ROOT="${KUBE_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
source "${KUBE_ROOT}/hack/lib/logging.sh"
