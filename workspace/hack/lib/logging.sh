#!/usr/bin/env bash
# kube::log:: helpers (sample stand-in).
kube::log::status() { echo "+++ $*"; }
