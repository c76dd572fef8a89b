import { analyzeTree } from './analysis';
import { holdsPrivateKey, mayHoldPrivateKey } from './secretFiles';
import { ImageFileTree } from './filetree';
import type { TarEntry } from './tar';

const file = (path: string, size = 10, mode = 0o644): TarEntry => ({
  path,
  type: 'file',
  size,
  mode,
  uid: 0,
  gid: 0,
});

function facts(...paths: TarEntry[]) {
  const tree = new ImageFileTree();
  tree.addLayer(paths);
  return analyzeTree(tree);
}

describe('analyzeTree', () => {
  it('finds secret-looking files but not the samples packages ship', () => {
    const found = facts(
      file('app/.env'),
      file('app/.env.example'),
      file('root/.ssh/id_rsa'),
      file('root/.ssh/id_rsa.pub'),
      file('root/.aws/credentials'),
      file('home/dev/.docker/config.json'),
      file('srv/tls/server.key'),
      file('usr/share/doc/openssl/demo.key'),
      file('etc/ssl/private/ssl-cert-snakeoil.key'),
      file('usr/lib/python3/dist-packages/certifi/cacert.pem'),
    ).secretFiles.map(f => f.path);
    expect(found.sort()).toEqual([
      '/app/.env',
      '/home/dev/.docker/config.json',
      '/root/.aws/credentials',
      '/root/.ssh/id_rsa',
      '/srv/tls/server.key',
    ]);
  });

  it('groups caches by package manager and ignores empty ones', () => {
    const { caches } = facts(
      file('var/lib/apt/lists/lock', 0),
      file('var/cache/apk/APKINDEX.tar.gz', 500),
      file('root/.npm/_cacache/index', 300),
      file('home/node/.npm/_cacache/x', 200),
      file('root/.m2/repository/a.jar', 50),
    );
    expect(caches.map(c => [c.name, c.bytes, c.paths])).toEqual(
      expect.arrayContaining([
        ['apk cache', 500, ['/var/cache/apk']],
        [
          'npm cache',
          500,
          expect.arrayContaining(['/root/.npm', '/home/node/.npm']),
        ],
        ['maven repository', 50, ['/root/.m2']],
      ]),
    );
    expect(caches.find(c => c.name === 'apt lists')).toBeUndefined();
  });

  it('finds setuid and setgid files, .git directories and toolchains', () => {
    const result = facts(
      file('usr/bin/su', 100, 0o4755),
      file('usr/bin/wall', 100, 0o2755),
      file('usr/bin/ls', 100, 0o755),
      file('src/app/.git/objects/pack/p.pack', 5000),
      file('usr/local/go/bin/go', 2 * 1024 * 1024),
    );
    expect(result.setuidFiles.map(f => f.path).sort()).toEqual([
      '/usr/bin/su',
      '/usr/bin/wall',
    ]);
    expect(result.gitDirectories).toEqual([
      { path: '/src/app/.git', bytes: 5000, layer: 0 },
    ]);
    expect(result.toolchains.map(t => t.name)).toEqual(['go']);
  });

  it('reads small key-like files and flags the ones that hold a private key', () => {
    expect(mayHoldPrivateKey(file('srv/tls/server.pem', 900))).toBe(true);
    expect(mayHoldPrivateKey(file('root/.ssh/deploy', 400))).toBe(true);
    expect(mayHoldPrivateKey(file('srv/big.pem', 10 * 1024 * 1024))).toBe(
      false,
    );
    expect(mayHoldPrivateKey(file('usr/share/doc/x/test.pem', 900))).toBe(
      false,
    );
    expect(mayHoldPrivateKey(file('srv/keys/gcp-sa.json', 2300))).toBe(true);
    expect(
      mayHoldPrivateKey(file('app/node_modules/x/package.json', 900)),
    ).toBe(false);
    expect(mayHoldPrivateKey(file('app/data/big.json', 60_000))).toBe(false);
    expect(
      holdsPrivateKey(
        Buffer.from('-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn'),
      ),
    ).toBe(true);
    expect(
      holdsPrivateKey(Buffer.from('-----BEGIN CERTIFICATE-----\nMII')),
    ).toBe(false);
    const tree = new ImageFileTree();
    tree.addLayer([
      file('srv/tls/server.pem', 900),
      file('srv/tls/chain.pem', 900),
    ]);
    const found = analyzeTree(tree, {
      privateKeys: new Set(['0:srv/tls/server.pem']),
    });
    expect(found.secretFiles.map(f => f.path)).toEqual(['/srv/tls/server.pem']);
  });
});

describe('analyzeTree on a deep tree', () => {
  it('walks a 200,000-deep directory chain without recursion, still finding what lies at the bottom', () => {
    const deep = Array.from({ length: 200_000 }, () => 'd').join('/');
    const tree = new ImageFileTree({ maxEntries: 1_000_000 });
    tree.addLayer([
      file(`${deep}/.env`, 5),
      file(`usr/share/${deep}/.env`, 5),
      file('root/.cache/pip/wheel', 2048),
    ]);
    const found = analyzeTree(tree);
    expect(found.files).toBe(3);
    expect(found.secretFiles.map(f => f.path)).toEqual([`/${deep}/.env`]);
    expect(found.caches.map(c => c.name)).toEqual(['pip cache']);
  });
});
