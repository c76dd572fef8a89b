# Shared by demo/images.sh, demo/ci-pair.sh and bench/builds.sh: a loopback
# registry, private buildah storage and registries.conf, and the stand-in base
# images the examples' FROM lines resolve to. Source it; needs root.
set -euo pipefail

demo_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$demo_dir/.." && pwd)
work=${DEMO_WORK:-$demo_dir/.work}
# DEMO_REGISTRY_PORT and DEMO_WORK let a second, isolated instance run (e.g. CI
# beside a developer's demo).
registry_port=${DEMO_REGISTRY_PORT:-5000}
registry=localhost:$registry_port
registry_addr=127.0.0.1:$registry_port
wheel_index_port=8765

mkdir -p "$work"/{rootfs,tmp,wheels,digests}

# buildah and skopeo read only our files: the host's storage and registries
# configuration stay untouched, and docker.io/<name> means the loopback registry.
export CONTAINERS_REGISTRIES_CONF=$work/registries.conf
export CONTAINERS_STORAGE_CONF=$work/storage.conf
export BUILDAH_ISOLATION=chroot
export BUILDAH_FORMAT=docker # keeps HEALTHCHECK, which OCI image configs cannot carry
export TMPDIR=$work/tmp      # buildah keeps RUN --mount=type=cache directories here

cat >"$CONTAINERS_REGISTRIES_CONF" <<EOF
unqualified-search-registries = ["docker.io"]
short-name-mode = "permissive"

[[registry]]
prefix = "docker.io"
location = "$registry"
insecure = true

[[registry]]
location = "$registry"
insecure = true
EOF
# vfs works everywhere but copies the whole root filesystem for every layer;
# DEMO_STORAGE_DRIVER=overlay is many times faster where the kernel allows
# overlay mounts (it has its own storage root beside the vfs one).
storage_driver=${DEMO_STORAGE_DRIVER:-vfs}
graphroot=$work/storage runroot=$work/run
if [[ $storage_driver != vfs ]]; then
  graphroot=$work/storage-$storage_driver runroot=$work/run-$storage_driver
  export CONTAINERS_STORAGE_CONF=$work/storage-$storage_driver.conf
fi
cat >"$CONTAINERS_STORAGE_CONF" <<EOF
[storage]
driver = "$storage_driver"
graphroot = "$graphroot"
runroot = "$runroot"
EOF

say() { printf '\n== %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

require_tools() {
  [[ $(id -u) -eq 0 ]] || die "run as root: buildah --isolation chroot and debootstrap need it"
  local missing=() tool
  for tool in buildah skopeo debootstrap docker-registry curl "$@"; do
    command -v "$tool" >/dev/null || missing+=("$tool")
  done
  ((${#missing[@]} == 0)) || die "missing ${missing[*]}: apt-get install $(apt_packages_for "${missing[@]}")"
}

apt_packages_for() {
  local tool
  for tool in "$@"; do
    case $tool in
      readelf) echo -n "binutils " ;;
      *) echo -n "$tool " ;;
    esac
  done
}

registry_started_here=0
registry_running() { curl -fsS -o /dev/null "http://$registry_addr/v2/" 2>/dev/null; }

# Starts Debian's docker-registry on loopback, or reuses whatever answers there.
registry_start() {
  if registry_running; then
    echo "registry: reusing the one answering on http://$registry_addr"
    return 0
  fi
  mkdir -p "$work/registry"
  cat >"$work/registry.yml" <<EOF
version: 0.1
log: { level: warn }
storage:
  filesystem: { rootdirectory: $work/registry }
  delete: { enabled: true }
http:
  addr: $registry_addr
EOF
  setsid docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 </dev/null &
  echo $! >"$work/registry.pid"
  registry_started_here=1
  local _
  for _ in $(seq 1 50); do
    registry_running && break
    sleep 0.2
  done
  registry_running || die "docker-registry did not answer on $registry_addr: see $work/registry.log"
  echo "registry: started on http://$registry_addr (pid $(cat "$work/registry.pid"), data in $work/registry)"
}

registry_stop() {
  if [[ -f $work/registry.pid ]] && kill "$(cat "$work/registry.pid")" 2>/dev/null; then
    rm -f "$work/registry.pid"
    echo "registry stopped (data kept in $work/registry)"
  else
    echo "no registry started by the demo is running"
  fi
}

registry_stop_hint() {
  if [[ -f $work/registry.pid ]] && kill -0 "$(cat "$work/registry.pid")" 2>/dev/null; then
    echo "stop the registry with: kill $(cat "$work/registry.pid")   (or: demo/registry.sh stop)"
  fi
}

# The wheel index pip.conf in the python stand-ins points at (demo/wheelhouse.py).
wheel_index_pid=
wheel_index_start() {
  curl -fsS -o /dev/null "http://127.0.0.1:$wheel_index_port/simple/" 2>/dev/null && return 0
  python3 -m http.server "$wheel_index_port" --bind 127.0.0.1 --directory "$work/wheels/pypi" \
    >"$work/wheel-index.log" 2>&1 </dev/null &
  wheel_index_pid=$!
  local _
  for _ in $(seq 1 50); do
    curl -fsS -o /dev/null "http://127.0.0.1:$wheel_index_port/simple/" 2>/dev/null && return 0
    sleep 0.2
  done
  die "wheel index did not come up on 127.0.0.1:$wheel_index_port: see $work/wheel-index.log"
}

# Stops the index only if this script started it (another may be using it).
wheel_index_stop() {
  if [[ -n $wheel_index_pid ]]; then
    kill "$wheel_index_pid" 2>/dev/null || true
    wheel_index_pid=
  fi
}

# The URI this machine's apt fetches <suite> from (bookworm, bookworm-security),
# read from its sources (one-line .list and deb822 .sources forms), so the
# stand-ins are built from, and keep using, the mirror the host is set up with.
host_apt_uri() {
  local suite=$1 file
  for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [[ -f $file ]] || continue
    awk -v suite="$suite" '
      function has(list, word) { return index(" " list " ", " " word " ") > 0 }
      function stanza_end() {
        if (uris != "" && has(types, "deb") && has(suites, suite) && tolower(enabled) != "no") print uris
        types = uris = suites = enabled = ""
      }
      /^[[:space:]]*#/ { next }
      FILENAME ~ /\.sources$/ {
        if (NF == 0) { stanza_end(); next }
        key = tolower($1); $1 = ""; sub(/^ +/, "")
        if (key == "types:") types = $0
        else if (key == "uris:") uris = $1
        else if (key == "suites:") suites = $0
        else if (key == "enabled:") enabled = $1
        next
      }
      $1 == "deb" {
        i = 2
        if ($i ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
        if ($(i + 1) == suite) print $i
      }
      END { stanza_end() }
    ' "$file"
  done | head -1
}

# The Debian archive and its security archive the stand-ins use: DEBIAN_MIRROR
# and DEBIAN_SECURITY_MIRROR, else what this machine's apt uses.
debian_mirrors() {
  mirror=${DEBIAN_MIRROR:-$(host_apt_uri bookworm)}
  [[ -n $mirror ]] || die "no bookworm source in /etc/apt/sources.list*: set DEBIAN_MIRROR to a Debian mirror's URI"
  security_mirror=${DEBIAN_SECURITY_MIRROR:-$(host_apt_uri bookworm-security)}
  security_mirror=${security_mirror:-$mirror-security}
}

# debootstrap minbase once, then two root filesystem tars: bookworm (as is,
# apt configured like the official image) and bookworm-slim (no docs/locales).
bookworm_rootfs() {
  local rootfs=$work/rootfs mirror security_mirror
  [[ -f $rootfs/bookworm.tar && -f $rootfs/bookworm-slim.tar ]] && return 0
  debian_mirrors
  if [[ ! -f $rootfs/bookworm.tmp/.debootstrap-done ]]; then
    say "debootstrap --variant=minbase bookworm (about 2 minutes)"
    rm -rf "$rootfs/bookworm.tmp"
    debootstrap --variant=minbase bookworm "$rootfs/bookworm.tmp" "$mirror" >"$rootfs/debootstrap.log" 2>&1 ||
      die "debootstrap failed: see $rootfs/debootstrap.log"
    touch "$rootfs/bookworm.tmp/.debootstrap-done"
  fi
  local root=$rootfs/bookworm.tmp
  rm -f "$root/.debootstrap-done" "$root/etc/apt/sources.list"
  cat >"$root/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $mirror
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $security_mirror
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  # The apt settings debuerreotype gives the official images.
  cat >"$root/etc/apt/apt.conf.d/docker-clean" <<'EOF'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
EOF
  echo 'Acquire::Languages "none";' >"$root/etc/apt/apt.conf.d/docker-no-languages"
  echo 'Acquire::GzipIndexes "true";' >"$root/etc/apt/apt.conf.d/docker-gzip-indexes"
  echo 'Apt::AutoRemove::SuggestsImportant "false";' >"$root/etc/apt/apt.conf.d/docker-autoremove-suggests"
  printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d" && chmod 755 "$root/usr/sbin/policy-rc.d"
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/var/log/*.log \
    "$root"/var/cache/debconf/*-old "$root"/var/lib/dpkg/*-old
  : >"$root/etc/machine-id"
  : >"$root/etc/resolv.conf"
  local tar_opts=(--numeric-owner --xattrs --exclude=./dev/* --exclude=./proc/* --exclude=./sys/* -C "$root")
  tar "${tar_opts[@]}" -cf "$rootfs/bookworm.tar.tmp" . && mv "$rootfs/bookworm.tar.tmp" "$rootfs/bookworm.tar"
  cat >"$root/etc/dpkg/dpkg.cfg.d/docker" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
EOF
  find "$root/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
  find "$root/usr/share/doc" -mindepth 1 -type d -empty -delete
  rm -rf "$root"/usr/share/{man,groff,info,lintian,linda}/*
  find "$root/usr/share/locale" -mindepth 1 -maxdepth 1 -not -name locale.alias -exec rm -rf {} +
  tar "${tar_opts[@]}" -cf "$rootfs/bookworm-slim.tar.tmp" . && mv "$rootfs/bookworm-slim.tar.tmp" "$rootfs/bookworm-slim.tar"
  rm -rf "$root"
}

# Wheels of Debian's flask, gunicorn, numpy and their dependencies.
wheel_index_build() {
  [[ -f $work/wheels/pypi/simple/index.html ]] && return 0
  say "wheel index from Debian's python3-flask, python3-gunicorn, python3-numpy"
  local debs=$work/wheels/debs unpacked=$work/wheels/unpacked
  rm -rf "$debs" "$unpacked" "$work/wheels/pypi"
  mkdir -p "$debs" "$unpacked"
  (cd "$debs" && apt-get download -qq \
    python3-flask python3-werkzeug python3-jinja2 python3-markupsafe python3-itsdangerous \
    python3-click python3-gunicorn python3-setuptools python3-pkg-resources python3-numpy \
    libblas3 liblapack3 libgfortran5 libquadmath0 2>&1 | grep -v '^W: Download is performed unsandboxed' || true)
  local deb
  for deb in "$debs"/*.deb; do dpkg-deb -x "$deb" "$unpacked"; done
  python3 "$demo_dir/wheelhouse.py" "$unpacked" "$work/wheels/pypi/simple"
  rm -rf "$unpacked"
}

# Stand-in base images, in dependency order: "name:tag containerfile".
base_images=(
  "debian:bookworm debian-bookworm"
  "debian:bookworm-slim debian-bookworm-slim"
  "buildpack-deps:bookworm buildpack-deps-bookworm"
  "golang:1.21 golang-1.21"
  "golang:1.21-alpine golang-1.21-alpine"
  "node:18 node-18"
  "node:18-alpine node-18-alpine"
  "python:3.11 python-3.11"
  "python:3.11-slim python-3.11-slim"
)

remote_exists() { skopeo inspect --tls-verify=false --raw "docker://$1" >/dev/null 2>&1; }

# Builds one stand-in base and pushes it as localhost:5000/library/<name:tag>,
# unless the registry already has it (DEMO_REBUILD_BASES=1 forces a rebuild).
base_image() {
  local name=$1 file=$2 ref=$registry/library/$1
  if [[ ${DEMO_REBUILD_BASES:-0} != 1 ]] && remote_exists "$ref"; then
    echo "base $ref: already in the registry"
    return 0
  fi
  say "base $ref ($file.Containerfile)"
  local context=$demo_dir/bases
  [[ $file == debian-* ]] && context=$work/rootfs
  local start=$SECONDS
  buildah bud --quiet --layers -f "$demo_dir/bases/$file.Containerfile" -t "$ref" "$context" >/dev/null
  buildah push --quiet --tls-verify=false "$ref" "docker://$ref"
  echo "built and pushed $ref in $((SECONDS - start))s"
}

# Bases needed by one example's Dockerfile(s), with what they are built from.
bases_for() {
  local needed=() line name dep
  for dir in "$@"; do
    while read -r name; do needed+=("$name"); done < <(awk 'toupper($1) == "FROM" { print $2 }' "$repo_root/examples/$dir/Dockerfile" | grep -v '^scratch$' || true)
  done
  # Expand each to the stand-ins it is built FROM, so they come first.
  local ordered=()
  for line in "${base_images[@]}"; do
    name=${line%% *}
    for dep in "${needed[@]}"; do
      if [[ $dep == "$name" ]] || base_depends_on "$dep" "$name"; then
        ordered+=("$line")
        break
      fi
    done
  done
  printf '%s\n' "${ordered[@]}"
}

# Whether stand-in $1 is (transitively) built FROM stand-in $2.
base_depends_on() {
  local image=$1 base=$2 line file from
  for line in "${base_images[@]}"; do
    [[ ${line%% *} == "$image" ]] || continue
    file=${line##* }
    for from in $(awk 'toupper($1) == "FROM" { print $2 }' "$demo_dir/bases/$file.Containerfile"); do
      [[ $from == scratch ]] && continue
      [[ $from == "$base" ]] && return 0
      base_depends_on "$from" "$base" && return 0
    done
  done
  return 1
}

ensure_bases() {
  local line need_rootfs=0 need_wheels=0
  local lines=()
  while read -r line; do [[ -n $line ]] && lines+=("$line"); done < <(bases_for "$@")
  for line in "${lines[@]}"; do
    remote_exists "$registry/library/${line%% *}" && [[ ${DEMO_REBUILD_BASES:-0} != 1 ]] && continue
    [[ ${line##* } == debian-* ]] && need_rootfs=1
  done
  ((need_rootfs)) && bookworm_rootfs
  for line in "${lines[@]}"; do base_image ${line}; done
}

# Builds examples/<dir> with buildah and pushes localhost:5000/examples/<dir>:latest.
# Extra arguments go to buildah bud (e.g. --no-cache); EXAMPLE_CONTEXT and
# EXAMPLE_REF override the build context and the pushed name (the benchmark
# builds edited copies under localhost:5000/bench/).
example_image() {
  example_build "$@"
  example_push "$1"
}

example_build() {
  local dir=$1
  shift
  local ref=${EXAMPLE_REF:-$registry/examples/$dir:latest} context=${EXAMPLE_CONTEXT:-$repo_root/examples/$dir}
  buildah bud --quiet --layers "$@" -t "$ref" "$context" >/dev/null
}

example_push() {
  local dir=$1
  local ref=${EXAMPLE_REF:-$registry/examples/$dir:latest}
  local digests=${EXAMPLE_DIGESTS:-$work/digests}
  mkdir -p "$digests"
  buildah push --quiet --tls-verify=false --digestfile "$digests/$dir" "$ref" "docker://$ref"
}

# "<layers> <compressed bytes>" from the registry's manifest.
manifest_stats() {
  skopeo inspect --tls-verify=false --raw "docker://$1" |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const m=JSON.parse(s);
      const layers=m.layers||[];console.log(layers.length, layers.reduce((n,l)=>n+l.size,0));})'
}

# Uncompressed size of a local image (what `docker images` shows as SIZE).
local_size() { node "$demo_dir/image-size.mjs" "$graphroot" "$storage_driver" "$1"; }

# The score Image Health gives an example's Dockerfile and its built image
# together, as JSON ({value, grade, categories}); fails when the scan does.
example_score() {
  local dir=$1 ref=$2 out
  out=$(cd "$repo_root" && timeout 300 node plugins/image-health-node/bin/image-health scan \
    --dockerfile "examples/$dir/Dockerfile" --image "$ref" --insecure-registry "$registry" \
    --format json --fail-on none) || return 1
  node -e 'console.log(JSON.stringify(JSON.parse(process.argv[1]).score))' "$out"
}

human() { numfmt --to=si --suffix=B --format='%.1f' "$1"; }
