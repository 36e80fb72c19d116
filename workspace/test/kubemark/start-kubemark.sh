#!/usr/bin/env bash
# Starts a kubemark cluster of hollow nodes (sample stand-in).
set -o errexit -o nounset -o pipefail
echo "would start kubemark with ${NUM_NODES:-10} hollow nodes"
