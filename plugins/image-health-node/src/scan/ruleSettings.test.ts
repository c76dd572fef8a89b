import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Report } from '@image-health/plugin-image-health-common';
import { ImageInspector } from '../image';
import { requireBinaries } from '../testing/binaries';
import { OciLayoutWriter, tarDirectory, writeTree } from '../testing/fixtures';
import { buildReport } from './report';
import type { RuleSettings } from './ruleSettings';

// Root by default, a token in ENV, apt lists left behind, SSH exposed: the
// Dockerfile and the image it built say the same things.
const DOCKERFILE = [
  'FROM debian:12.5',
  'ENV API_TOKEN=hunter2',
  'RUN apt-get update && apt-get install -y curl',
  'EXPOSE 22',
  'CMD ["app"]',
  '',
].join('\n');

let dir: string;
let image: string;
let inspector: ImageInspector;

beforeAll(async () => {
  requireBinaries(['tar']);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ih-rule-settings-'));
  const tree = path.join(dir, 'tree');
  await writeTree(tree, {
    'var/lib/apt/lists/deb.example.invalid_debian_dists_bookworm_main_Packages':
      'Package: curl\n'.repeat(20_000),
    'usr/bin/curl': 'ELF',
  });
  const layout = await new OciLayoutWriter(path.join(dir, 'layout')).init();
  const layer = await layout.layer(
    await tarDirectory(tree, `${tree}.tar`),
    'gzip',
  );
  await layout.image({
    layers: [layer],
    config: { Env: ['API_TOKEN=hunter2'], Cmd: ['app'] },
    history: [
      {
        created_by:
          'RUN /bin/sh -c apt-get update && apt-get install -y curl # buildkit',
      },
    ],
    tag: 'v1',
  });
  image = `oci:${path.join(dir, 'layout')}:v1`;
  inspector = new ImageInspector({ registries: [], allowLocalSources: true });
}, 60_000);

afterAll(async () => {
  await inspector?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function scan(rules: RuleSettings): Promise<Report> {
  const { report } = await buildReport({
    entityRef: 'component:default/shop',
    dockerfiles: [
      { kind: 'read', location: 'Dockerfile', content: DOCKERFILE },
    ],
    images: [{ kind: 'inspect', ref: image }],
    rules,
    inspector,
    deep: true,
  });
  expect(report.status).toBe('ok');
  return report;
}

function severities(report: Report): Map<string, string> {
  return new Map(
    [...report.dockerfiles, ...report.images]
      .flatMap(r => r.findings)
      .map(f => [f.ruleId, f.severity]),
  );
}

// Every spelling a user may bring, and the findings (Dockerfile and image) it names.
const SPELLINGS: Array<[string, string[]]> = [
  ['user-root-implicit', ['user-root-implicit']],
  ['IMG001', ['IMG001']],
  ['img001', ['IMG001']],
  ['DL3009', ['apt-lists-not-removed', 'IMG006']],
  ['dl3009', ['apt-lists-not-removed', 'IMG006']],
  ['CIS-DI-0001', ['user-root-implicit', 'IMG001']],
  ['cis-di-0001', ['user-root-implicit', 'IMG001']],
  ['CIS-DI-0010', ['secret-in-env-arg', 'IMG002']],
  ['DKL-DI-0005', ['apt-lists-not-removed', 'IMG006']],
  ['dkl-di-5', ['apt-lists-not-removed', 'IMG006']],
  ['DS-0002', ['IMG001']],
  ['DS002', ['IMG001']],
  ['AVD-DS-0002', ['IMG001']],
  ['avd-ds-0002', ['IMG001']],
  ['DS-0004', ['expose-ssh-port']],
  ['DS004', ['expose-ssh-port']],
  ['AVD-DS-0004', ['expose-ssh-port']],
  ['DS029', ['apt-no-install-recommends']],
  ['avd-ds-0029', ['apt-no-install-recommends']],
  ['SecretsUsedInArgOrEnv', ['secret-in-env-arg']],
  ['secretsusedinargorenv', ['secret-in-env-arg']],
];

describe('rule settings, by any id a user brings', () => {
  let unset: Map<string, string>;

  beforeAll(async () => {
    unset = severities(await scan({}));
  });

  it('finds every rule the spellings name when nothing is set', () => {
    const named = [...new Set(SPELLINGS.flatMap(([, rules]) => rules))];
    expect(named.filter(rule => !unset.has(rule))).toEqual([]);
  });

  it.each(SPELLINGS)('ignore: [%s] silences %j', async (id, silenced) => {
    const found = severities(await scan({ ignore: [id] }));
    const expected = new Map(
      [...unset].filter(([rule]) => !silenced.includes(rule)),
    );
    expect(found).toEqual(expected);
  });

  it.each(SPELLINGS)(
    'severity: {%s: style} turns %j into style findings',
    async (id, changed) => {
      const found = severities(await scan({ severity: { [id]: 'style' } }));
      const expected = new Map(
        [...unset].map(([rule, severity]) => [
          rule,
          changed.includes(rule) ? 'style' : severity,
        ]),
      );
      expect(found).toEqual(expected);
    },
  );
});
