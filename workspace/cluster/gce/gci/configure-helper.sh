#!/usr/bin/env bash
# Runs on a GCI node at boot: writes the manifests of gci-trusty/ into place (sample stand-in).
set -o errexit -o nounset -o pipefail
echo "configuring node from /home/kubernetes/kube-manifests"
