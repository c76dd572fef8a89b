#!/usr/bin/env bash
# End-to-end check for CI: builds one before/after example pair with buildah
# into the loopback registry and fails unless the remediated image is smaller
# and has fewer layers. Default pair: apt-layer-pile -> apt-single-layer (its
# only base is the debootstrap Debian, so it is the cheapest on a fresh machine).
# Usage: demo/ci-pair.sh [before-dir after-dir]
source "$(dirname "$0")/lib.sh"

before=${1:-apt-layer-pile}
after=${2:-apt-single-layer}
started=$SECONDS

require_tools node
registry_start
cleanup() {
  wheel_index_stop
  if ((registry_started_here)); then registry_stop; fi
}
trap cleanup EXIT
if [[ $before$after == *python-* ]]; then
  require_tools python3 readelf patchelf
  wheel_index_build
  wheel_index_start
fi
ensure_bases "$before" "$after"

declare -A size layers
for dir in "$before" "$after"; do
  say "build examples/$dir"
  example_image "$dir"
  ref=$registry/examples/$dir:latest
  read -r layers[$dir] _ < <(manifest_stats "$ref")
  size[$dir]=$(local_size "$ref")
  echo "$ref: $(human "${size[$dir]}"), ${layers[$dir]} layers"
done

say "check ($((SECONDS - started))s)"
failed=0
if ((size[$after] >= size[$before])); then
  echo "FAIL: examples/$after is not smaller than examples/$before ($(human "${size[$after]}") >= $(human "${size[$before]}"))" >&2
  failed=1
fi
if ((layers[$after] >= layers[$before])); then
  echo "FAIL: examples/$after does not have fewer layers than examples/$before (${layers[$after]} >= ${layers[$before]})" >&2
  failed=1
fi
((failed)) && exit 1
echo "ok: $after is $(human "${size[$after]}") in ${layers[$after]} layers, $before is $(human "${size[$before]}") in ${layers[$before]} layers"
