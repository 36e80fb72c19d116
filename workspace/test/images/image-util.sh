#!/usr/bin/env bash
# Builds the e2e test images (sample stand-in for test/images/image-util.sh).
set -o errexit -o nounset -o pipefail
echo "would build test image ${1:-agnhost}"
