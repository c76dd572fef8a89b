#!/usr/bin/env bash
# yarn bench:builds — real buildah builds of every example pair: image size and
# layers before/after, a cold full build, and the rebuild after a one-line
# source change; then the Image Health score of each image when the CLI has
# `scan`. Writes the "Real builds" section of BENCHMARKS.md.
# Usage: bench/builds.sh [go|node|python|apt …]   (default: all four pairs)
#        bench/builds.sh --rescore   (only the scores, on the images built last)
#   BENCH_COLD=0 skips the cold builds (rebuild times only, from the cache
#   yarn demo:images left); the table then says "not measured" for them.
#   BENCH_REPEAT=<n> times each cold build and each rebuild n times (default
#   3) and reports the median, since other work shares the machine.
#   DEMO_STORAGE_DRIVER=overlay builds with buildah's overlay driver (see
#   demo/README.md); the table records the driver, the machine and its load.
# On a fresh machine this one command also makes the base images first; the
# table says how long the whole run took, bases included.
source "$(dirname "$0")/../demo/lib.sh"

declare -A pairs=(
  [go]="go-single-stage go-multi-stage"
  [node]="node-naive node-optimized"
  [python]="python-build-tools python-multi-stage"
  [apt]="apt-layer-pile apt-single-layer"
)
# The file each pair's one-line change is appended to, and its comment marker.
declare -A edited=(
  [go]="main.go //" [node]="src/server.js //" [python]="app.py #" [apt]="report.sh #"
)
rescore=0
[[ ${1:-} == --rescore ]] && rescore=1 && shift
selected=("$@")
((${#selected[@]} || rescore)) || selected=(go node python apt)

bench_work=$work/bench/$$ # per run, so runs for different pairs can overlap
# One file per pair, kept across runs: `bench/builds.sh python` re-measures the
# Python pair and the table still shows the others' last results.
results_dir=$work/bench-results
started=$SECONDS
run_started_at=$(date -u +%FT%TZ)
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
run_load_start=$(loadavg)
require_tools python3 node readelf patchelf
registry_start
trap 'wheel_index_stop' EXIT
dirs=()
for pair in "${selected[@]}"; do
  [[ -n ${pairs[$pair]:-} ]] || die "unknown pair '$pair' (go, node, python, apt)"
  dirs+=(${pairs[$pair]})
done
bases_started=$SECONDS
[[ " ${selected[*]} " == *" python "* ]] && wheel_index_build
bases_built=0 bases_needed=0
while read -r line; do
  [[ -n $line ]] || continue
  bases_needed=$((bases_needed + 1))
  remote_exists "$registry/library/${line%% *}" || bases_built=$((bases_built + 1))
done < <(bases_for "${dirs[@]}")
ensure_bases "${dirs[@]}"
bases_seconds=$((SECONDS - bases_started))
rm -rf "$bench_work" && mkdir -p "$bench_work" "$results_dir"

now() { date +%s.%N; }
# The median of the timings (other work shares the machine; one sample is noise).
median() { node -e 'const v = process.argv.slice(1).map(Number).sort((a, b) => a - b);
  const m = v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  console.log(m.toFixed(1))' "$@"; }
repeat=${BENCH_REPEAT:-3}
[[ $repeat =~ ^[1-9][0-9]*$ ]] || die "BENCH_REPEAT must be a positive number, not '$repeat'"
elapsed() { node -e 'console.log((process.argv[2] - process.argv[1]).toFixed(1))' "$1" "$(now)"; }

# Score from the engine's CLI (`image-health scan`); null when the scan fails.
score_of() { example_score "$1" "$2" 2>"$bench_work/$1.score.err" || echo null; }

# --rescore: only re-run the scan on the images the last runs built (e.g. once
# the CLI gained `scan`, or after a rule change), and rewrite the table.
# The new scores replace the table's, also for a pair whose table row came from
# a newer run elsewhere (the images are built from the same Dockerfiles).
if ((rescore)); then
  shopt -s nullglob
  all_results=("$results_dir"/*.jsonl)
  shopt -u nullglob
  ((${#all_results[@]})) || die "nothing to rescore in $results_dir: run bench/builds.sh first"
  rescored_at=$(date -u +%FT%TZ)
  for results in "${all_results[@]}"; do
    while IFS= read -r line; do
      dir=$(node -e 'console.log(JSON.parse(process.argv[1]).dir)' "$line")
      score=$(score_of "$dir" "$registry/bench/$dir:latest")
      node -e 'const r = JSON.parse(process.argv[1]); r.score = JSON.parse(process.argv[2]);
               r.rescoredAt = process.argv[3]; console.log(JSON.stringify(r))' \
        "$line" "$score" "$rescored_at"
    done <"$results" >"$results.tmp"
    mv "$results.tmp" "$results"
  done
  node "$repo_root/bench/builds-table.mjs" "$results_dir" "$repo_root/BENCHMARKS.md"
  echo "rescored; wrote the Real builds section of BENCHMARKS.md"
  exit 0
fi

for pair in "${selected[@]}"; do
  read -r before after <<<"${pairs[$pair]}"
  pair_started=$SECONDS
  pair_load_start=$(loadavg)
  results=$bench_work/$pair.jsonl
  [[ $pair == python ]] && wheel_index_start
  for dir in "$before" "$after"; do
    role=before
    [[ $dir == "$after" ]] && role=after
    say "$pair $role: examples/$dir"
    context=$bench_work/context/$dir
    mkdir -p "$context" && cp -a "$repo_root/examples/$dir/." "$context/"
    ref=$registry/bench/$dir:latest
    # Pull the bases first, so the timings are builds, not downloads.
    for base in $(awk 'toupper($1) == "FROM" { print $2 }' "$context/Dockerfile" | grep -v '^scratch$' | grep -v '^builder$' || true); do
      buildah pull --quiet --tls-verify=false "$base" >/dev/null
    done
    full=null full_samples=()
    if [[ ${BENCH_COLD:-1} == 1 ]]; then
      # Cold: no layer cache, empty cache-mount directories, each time.
      for i in $(seq 1 "$repeat"); do
        export TMPDIR=$bench_work/cache-mounts/$dir-$i
        mkdir -p "$TMPDIR"
        t=$(now)
        EXAMPLE_CONTEXT=$context EXAMPLE_REF=$ref example_build "$dir" --no-cache
        full_samples+=("$(elapsed "$t")")
      done
      full=$(median "${full_samples[@]}")
      echo "full build ${full}s (median of ${full_samples[*]})"
    else
      # BENCH_COLD=0: skip the cold build; the rebuild below then starts from
      # the layer cache and cache mounts yarn demo:images left.
      echo "cold build skipped (BENCH_COLD=0)"
    fi

    # Each repetition appends one more comment line, so each is a real change.
    read -r file marker <<<"${edited[$pair]}"
    rebuild_samples=()
    for i in $(seq 1 "$repeat"); do
      echo "$marker rebuilt by bench/builds.sh at $(date -u +%FT%TZ) ($i)" >>"$context/$file"
      t=$(now)
      EXAMPLE_CONTEXT=$context EXAMPLE_REF=$ref example_build "$dir"
      rebuild_samples+=("$(elapsed "$t")")
    done
    rebuild=$(median "${rebuild_samples[@]}")
    EXAMPLE_REF=$ref EXAMPLE_DIGESTS=$bench_work/digests example_push "$dir"
    echo "rebuild after a one-line change to $file: ${rebuild}s (median of ${rebuild_samples[*]})"
    read -r layers compressed < <(manifest_stats "$ref")
    size=$(local_size "$ref")
    echo "$(human "$size"), $layers layers"
    score=$(score_of "$dir" "$ref")
    echo "score: $score"
    printf '{"pair":"%s","role":"%s","dir":"%s","sizeBytes":%s,"compressedBytes":%s,"layers":%s,"fullSeconds":%s,"fullSamples":[%s],"rebuildSeconds":%s,"rebuildSamples":[%s],"editedFile":"%s","score":%s}\n' \
      "$pair" "$role" "$dir" "$size" "$compressed" "$layers" "$full" "$(IFS=,; echo "${full_samples[*]}")" \
      "$rebuild" "$(IFS=,; echo "${rebuild_samples[*]}")" "$file" "$score" >>"$results"
  done
  sed -i "s/}\$/,\"pairMinutes\":$(node -e 'console.log(((process.argv[1]) / 60).toFixed(1))' "$((SECONDS - pair_started))"),\"measuredAt\":\"$(date -u +%FT%TZ)\",\"storageDriver\":\"$storage_driver\",\"loadStart\":\"$pair_load_start\",\"loadEnd\":\"$(loadavg)\"}/" "$results"
  mv "$results" "$results_dir/$pair.jsonl"
  node "$repo_root/bench/builds-table.mjs" "$results_dir" "$repo_root/BENCHMARKS.md"
done
export TMPDIR=$work/tmp

minutes=$(node -e 'console.log(((process.argv[1]) / 60).toFixed(1))' "$((SECONDS - started))")
# The whole run (bases included when this run made them), for "how many minutes
# from a fresh machine".
printf '{"startedAt":"%s","pairs":"%s","storageDriver":"%s","repeat":%s,"minutes":%s,"basesBuilt":%s,"basesNeeded":%s,"basesMinutes":%s,"loadStart":"%s","loadEnd":"%s"}\n' \
  "$run_started_at" "${selected[*]}" "$storage_driver" "$repeat" "$minutes" "$bases_built" "$bases_needed" \
  "$(node -e 'console.log(((process.argv[1]) / 60).toFixed(1))' "$bases_seconds")" "$run_load_start" "$(loadavg)" \
  >"$results_dir/run.json.tmp"
mv "$results_dir/run.json.tmp" "$results_dir/run.json"
node "$repo_root/bench/builds-table.mjs" "$results_dir" "$repo_root/BENCHMARKS.md"
echo "wrote the Real builds section of BENCHMARKS.md (${minutes} min)"
registry_stop_hint
