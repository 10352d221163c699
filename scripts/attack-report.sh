#!/usr/bin/env bash
# `npm run attack-report -- --runs=N [--seed=S]`: the disclosure attacker of the test suite
# (apps/reporting/test/disclosure-attack.heavy-spec.ts) over N random regions instead of the suite's 1,000, for
# a long run. It prints how many hidden values it tried to pin and how many it pinned, and fails on any pin.
set -euo pipefail
runs=1000
seed=20261202
for arg in "$@"; do
  case "$arg" in
    --runs=*) runs="${arg#--runs=}" ;;
    --seed=*) seed="${arg#--seed=}" ;;
    *)
      echo "attack-report: unknown option $arg (use --runs=N and --seed=S)" >&2
      exit 2
      ;;
  esac
done
export NODE_OPTIONS='--experimental-vm-modules --disable-warning=ExperimentalWarning'
ATTACK_RUNS="$runs" ATTACK_SEED="$seed" exec jest --selectProjects heavy --runInBand \
  apps/reporting/test/disclosure-attack.heavy-spec.ts
