# Shared by scripts/start, scripts/test-all and .ci/run: brings a fresh
# machine of this kind to where the project builds and its tests run.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# node-gyp builds native addons (better-sqlite3) against Node's own headers
# where npm is set up that way, instead of downloading them.
if [[ -z ${npm_config_nodedir:-} ]]; then
  nodedir=$(npm config get nodedir 2>/dev/null || true)
  if [[ -n $nodedir && $nodedir != undefined && $nodedir != null ]]; then
    export npm_config_nodedir=$nodedir
  fi
fi
export YARN_ENABLE_TELEMETRY=0

# The committed Yarn release, whatever `yarn` is on PATH.
yarn_bin() {
  node "$repo_root"/.yarn/releases/yarn-*.cjs "$@"
}

ensure_apt_packages() {
  local missing=()
  local pkg
  while read -r pkg; do
    [[ -z $pkg || $pkg == \#* ]] && continue
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done < "$repo_root/.ci/apt-packages"
  if ((${#missing[@]})); then
    echo "Installing Debian packages: ${missing[*]}"
    if [[ $(id -u) -ne 0 ]]; then
      echo "need root to install ${missing[*]} (or install them yourself)" >&2
      return 1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

ensure_postgres() {
  if pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
    return 0
  fi
  echo "Starting PostgreSQL"
  local version
  version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)
  if [[ -z $version ]]; then
    echo "PostgreSQL is not installed on this machine: install it or point" >&2
    echo "BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING at a server" >&2
    return 1
  fi
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
  for _ in $(seq 1 30); do
    pg_isready -h 127.0.0.1 -p 5432 -q && return 0
    sleep 1
  done
  echo "PostgreSQL did not come up on 127.0.0.1:5432" >&2
  return 1
}

ensure_node_modules() {
  (cd "$repo_root" && yarn_bin install --immutable)
}
