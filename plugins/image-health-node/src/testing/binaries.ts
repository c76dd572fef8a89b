import { execFileSync } from 'node:child_process';

/** The Debian package that provides each binary the fixtures use. */
const PACKAGES: Record<string, string> = {
  'docker-registry': 'docker-registry',
  skopeo: 'skopeo',
  umoci: 'umoci',
  buildah: 'buildah',
  htpasswd: 'apache2-utils',
  zstd: 'zstd',
  openssl: 'openssl',
  tar: 'tar',
  busybox: 'busybox-static',
};

/**
 * Fails (never skips) when a binary the real-component tests need is
 * missing, naming the package to install (.ci/apt-packages lists them).
 */
export function requireBinaries(names: string[]): void {
  const missing = names.filter(name => {
    try {
      execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length) {
    throw new Error(
      `missing ${missing.join(', ')}: install with apt-get install -y ${missing
        .map(m => PACKAGES[m] ?? m)
        .join(' ')} (see .ci/apt-packages)`,
    );
  }
}
