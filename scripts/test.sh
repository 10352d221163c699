#!/usr/bin/env bash
# `npm test [-- jest args]`: the default project (unit, integration, e2e, smoke) in parallel, then the heavy
# project (browsers, attackers, fault injection, fuzzing) in band, so heavy suites never share the two cores.
set -euo pipefail
export NODE_OPTIONS='--experimental-vm-modules --disable-warning=ExperimentalWarning'
# With a filter, one project may have nothing to run; a full run must find tests in both.
extra=()
if [ "$#" -gt 0 ]; then extra=(--passWithNoTests); fi
jest --selectProjects default "${extra[@]}" "$@"
jest --selectProjects heavy --runInBand "${extra[@]}" "$@"
