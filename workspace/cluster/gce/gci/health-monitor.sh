#!/usr/bin/env bash
# Restarts the container runtime or kubelet when its health check fails (sample stand-in).
set -o errexit -o nounset -o pipefail
echo "health-monitor: ${1:-kubelet}"
