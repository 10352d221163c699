#!/usr/bin/env bash
# `npm run fuzz -- --runs=N [--seed=S] [--only=REGEX]`: the input fuzzer of the test suite
# (apps/standalone/test/input-fuzz.heavy-spec.ts) with N invalid requests an operation instead of the suite's 50,
# for a long run. It prints what it sent to each operation and every 5xx, non-problem error or partial write.
set -euo pipefail
runs=50
seed=20261204
only=''
for arg in "$@"; do
  case "$arg" in
    --runs=*) runs="${arg#--runs=}" ;;
    --seed=*) seed="${arg#--seed=}" ;;
    --only=*) only="${arg#--only=}" ;;
    *)
      echo "fuzz: unknown option $arg (use --runs=N, --seed=S and --only=REGEX)" >&2
      exit 2
      ;;
  esac
done
export NODE_OPTIONS='--experimental-vm-modules --disable-warning=ExperimentalWarning'
FUZZ_RUNS="$runs" FUZZ_SEED="$seed" FUZZ_ONLY="$only" exec jest --selectProjects heavy --runInBand \
  apps/standalone/test/input-fuzz.heavy-spec.ts
