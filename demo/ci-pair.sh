#!/usr/bin/env bash
# End-to-end check for CI: builds one before/after example pair with buildah
# into the loopback registry and fails unless the remediated image is smaller,
# has fewer layers and scores higher. Default pair: apt-layer-pile ->
# apt-single-layer (its only base is the debootstrap Debian, so it is the
# cheapest on a fresh machine). The images stay in the registry: the browser
# test (scripts/test-e2e) shows the layer chart of the "before" one.
# Usage: demo/ci-pair.sh [--json results.json] [before-dir after-dir]
#   --json writes the outcome as a test result (scripts/count-results.mjs reads it).
json=
if [[ ${1:-} == --json ]]; then
  json=$(realpath -m "$2")
  shift 2
fi

# Overlay storage is many times faster than vfs (BENCHMARKS.md, "Real builds");
# use it unless told otherwise, where this kernel lets us mount it.
overlay_mounts() {
  local dir ok=1
  dir=$(mktemp -d)
  mkdir "$dir"/{lower,upper,work,merged}
  if mount -t overlay overlay -o "lowerdir=$dir/lower,upperdir=$dir/upper,workdir=$dir/work" "$dir/merged" 2>/dev/null; then
    umount "$dir/merged"
    ok=0
  fi
  rm -rf "$dir"
  return $ok
}
if [[ -z ${DEMO_STORAGE_DRIVER:-} ]] && overlay_mounts; then
  export DEMO_STORAGE_DRIVER=overlay
fi

source "$(dirname "$0")/lib.sh"

before=${1:-apt-layer-pile}
after=${2:-apt-single-layer}
started=$SECONDS
title="examples/$after builds smaller, in fewer layers and scores higher than examples/$before (buildah, ${DEMO_STORAGE_DRIVER:-vfs})"
failures=()

# One assertion in jest's --json shape, written however the script ends.
write_result() {
  [[ -n $json ]] || return 0
  local status=passed
  ((${#failures[@]} == 0)) && [[ ${1:-0} == 0 ]] || status=failed
  ((${#failures[@]} == 0)) && [[ $status == failed ]] && failures=("the build failed: see the log above")
  TITLE=$title STATUS=$status FAILURES=$(printf '%s\n' "${failures[@]}") node -e '
    const { TITLE: title, STATUS: status, FAILURES: failures } = process.env;
    const failed = status === "failed" ? 1 : 0;
    require("fs").writeFileSync(process.argv[1], JSON.stringify({
      numTotalTests: 1, numPassedTests: 1 - failed, numFailedTests: failed,
      testResults: [{ name: "demo/ci-pair.sh", status,
        assertionResults: [{ title, status,
          failureMessages: failures.split("\n").filter(Boolean) }] }],
    }, null, 2));' "$json"
}

require_tools node
registry_start
cleanup() {
  local status=$?
  wheel_index_stop
  if ((registry_started_here)); then registry_stop; fi
  write_result "$status"
}
trap cleanup EXIT
if [[ $before$after == *python-* ]]; then
  require_tools python3 readelf patchelf
  wheel_index_build
  wheel_index_start
fi
ensure_bases "$before" "$after"

[[ -f $repo_root/plugins/image-health-node/dist-cli/image-health.cjs ]] || die "the image-health CLI is not built: run yarn install (its postinstall builds it)"

declare -A size layers score
for dir in "$before" "$after"; do
  say "build examples/$dir"
  example_image "$dir"
  ref=$registry/examples/$dir:latest
  read -r layers[$dir] _ < <(manifest_stats "$ref")
  size[$dir]=$(local_size "$ref")
  score[$dir]=$(example_score "$dir" "$ref" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).value))')
  echo "$ref: $(human "${size[$dir]}"), ${layers[$dir]} layers, score ${score[$dir]}"
done

say "compare the pair"
# The same pair through `image-health compare`: its layer and file deltas must
# agree with what the build produced (fewer layers, smaller, the pile's files gone).
compare_json=$(cd "$repo_root" && timeout 300 node plugins/image-health-node/bin/image-health compare \
  "$registry/examples/$before:latest" "$registry/examples/$after:latest" \
  --deep --insecure-registry "$registry" --format json) || failures+=("image-health compare of the pair failed")
if [[ -n ${compare_json:-} ]]; then
  (cd "$repo_root" && node plugins/image-health-node/bin/image-health compare \
    "$registry/examples/$before:latest" "$registry/examples/$after:latest" \
    --deep --insecure-registry "$registry" --top 5) || true
  verdict=$(node -e '
    const c = JSON.parse(process.argv[1]);
    const [image] = c.images;
    const problems = [];
    if (!(image.compressedBytes.delta < 0)) problems.push("compressed size did not shrink");
    if (!(image.layersRemoved > 0)) problems.push("no layer removed");
    if (!(image.layerCount.after < image.layerCount.before)) problems.push("layer count did not drop");
    if (!Array.isArray(image.largestFiles)) problems.push("no file comparison under --deep");
    if (!(c.findingsFixed.length > 0)) problems.push("no finding fixed");
    console.log(problems.join("; "));
  ' "$compare_json")
  [[ -z $verdict ]] || failures+=("image-health compare disagrees with the build: $verdict")
fi

say "check ($((SECONDS - started))s)"
if ((size[$after] >= size[$before])); then
  failures+=("examples/$after is not smaller than examples/$before ($(human "${size[$after]}") >= $(human "${size[$before]}"))")
fi
if ((layers[$after] >= layers[$before])); then
  failures+=("examples/$after does not have fewer layers than examples/$before (${layers[$after]} >= ${layers[$before]})")
fi
if ((score[$after] <= score[$before])); then
  failures+=("examples/$after does not score higher than examples/$before (${score[$after]} <= ${score[$before]})")
fi
if ((${#failures[@]})); then
  printf 'FAIL: %s\n' "${failures[@]}" >&2
  exit 1
fi
echo "ok: $after is $(human "${size[$after]}") in ${layers[$after]} layers, score ${score[$after]}; $before is $(human "${size[$before]}") in ${layers[$before]} layers, score ${score[$before]}"
