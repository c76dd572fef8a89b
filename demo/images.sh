#!/usr/bin/env bash
# yarn demo:images — builds every example in examples/ (before and after) with
# buildah on locally made stand-in base images and pushes them to a registry on
# 127.0.0.1:5000 as localhost:5000/examples/<dir>:latest. See demo/README.md.
# Usage: demo/images.sh [example-dir…]   (default: all eight)
source "$(dirname "$0")/lib.sh"

examples=("$@")
if ((${#examples[@]} == 0)); then
  examples=(go-single-stage go-multi-stage node-naive node-optimized
    python-build-tools python-multi-stage apt-layer-pile apt-single-layer)
fi

started=$SECONDS
require_tools python3 node readelf patchelf
registry_start
needs_wheels=0
printf '%s\n' "${examples[@]}" | grep -q '^python-' && needs_wheels=1
((needs_wheels)) && wheel_index_build
ensure_bases "${examples[@]}"

trap wheel_index_stop EXIT
((needs_wheels)) && wheel_index_start
for dir in "${examples[@]}"; do
  [[ -f $repo_root/examples/$dir/Dockerfile ]] || die "no examples/$dir/Dockerfile"
  say "examples/$dir"
  start=$SECONDS
  example_image "$dir"
  echo "pushed $registry/examples/$dir:latest@$(cat "$work/digests/$dir") in $((SECONDS - start))s"
done

say "images in $registry ($(((SECONDS - started) / 60))m$(((SECONDS - started) % 60))s)"
printf '%-46s %10s %11s %7s  %s\n' image size compressed layers digest
for dir in "${examples[@]}"; do
  ref=$registry/examples/$dir:latest
  read -r layers compressed < <(manifest_stats "$ref")
  printf '%-46s %10s %11s %7s  %s\n' "$ref" "$(human "$(local_size "$ref")")" "$(human "$compressed")" \
    "$layers" "$(cut -c1-19 "$work/digests/$dir")"
done
echo
echo "size = uncompressed (as \`docker images\` shows it); compressed = sum of the pushed layer blobs."
echo "Base images are local stand-ins, not Docker Hub's: see demo/README.md."
registry_stop_hint
