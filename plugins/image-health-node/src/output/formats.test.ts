import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import { toBeValidSarifLog } from '@microsoft/jest-sarif';
import { main } from '../cli/main';
import { runScan } from '../cli/scan';
import { OUTPUT_FORMATS } from '.';
import { requireBinaries } from '../testing/binaries';
import {
  OciLayoutWriter,
  pushLayout,
  tarDirectory,
  writeTree,
} from '../testing/fixtures';
import { startRegistry, type TestRegistry } from '../testing/registry';

// The matcher validates against the SARIF 2.1.0 JSON schema shipped in the package.
expect.extend({ toBeValidSarifLog });

const SCHEMAS = path.join(__dirname, '__fixtures__');
const EXAMPLES = path.resolve(__dirname, '../../../../examples');

const gitlabIssueSchema = new Ajv({ strict: false }).compile(
  JSON.parse(
    fs.readFileSync(path.join(SCHEMAS, 'gitlab-codeclimate.json'), 'utf8'),
  ),
);

/** xmllint's verdict on a document against an XSD: '' when valid, its complaint otherwise. */
function xsdProblems(xml: string, xsd: string): string {
  const run = spawnSync(
    'xmllint',
    ['--noout', '--schema', path.join(SCHEMAS, xsd), '-'],
    { input: xml, encoding: 'utf8' },
  );
  return run.status === 0 ? '' : run.stderr;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function lint(args: string[], cwd: string, terminal = false): Promise<Run> {
  let stdout = '';
  let stderr = '';
  return main(['lint', ...args], {
    stdout: t => (stdout += t),
    stderr: t => (stderr += t),
    cwd,
    env: { HOME: cwd },
    stdoutIsTerminal: terminal,
  }).then(code => ({ code, stdout, stderr }));
}

// Text a Dockerfile controls ends up in messages: markup, quotes, a
// percent-encoded line break and a real one must all arrive as text.
const HOSTILE =
  'FROM acme/<b>&"quoted"\'%0A::set-output name=x::y,z:1\nRUN apt-get update && apt-get install -y curl\n';

describe('output formats', () => {
  let dir: string;
  beforeAll(() => {
    requireBinaries(['xmllint']);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ih-formats-'));
    for (const example of ['node-naive', 'apt-layer-pile'])
      fs.copyFileSync(
        path.join(EXAMPLES, example, 'Dockerfile'),
        path.join(dir, `${example}.Dockerfile`),
      );
    fs.writeFileSync(path.join(dir, 'hostile.Dockerfile'), HOSTILE);
    fs.writeFileSync(
      path.join(dir, 'clean.Dockerfile'),
      `FROM node:24-slim@sha256:${'a'.repeat(
        64,
      )}\nUSER 10001\nHEALTHCHECK CMD ["node", "health.js"]\nCMD ["node", "index.js"]\n`,
    );
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const FILES = [
    'node-naive.Dockerfile',
    'apt-layer-pile.Dockerfile',
    'hostile.Dockerfile',
    'clean.Dockerfile',
  ];

  it('lint writes every format, each failing at the same threshold', async () => {
    for (const format of OUTPUT_FORMATS) {
      const run = await lint(
        [...FILES, '--format', format, '--fail-on', 'warning'],
        dir,
      );
      expect({ format, code: run.code }).toEqual({ format, code: 1 });
      expect(run.stdout.length).toBeGreaterThan(0);
    }
  });

  it('sarif validates against the SARIF 2.1.0 schema and keeps hostile text as text', async () => {
    const { stdout } = await lint([...FILES, '--format', 'sarif'], dir);
    const sarif = JSON.parse(stdout);
    expect(sarif).toBeValidSarifLog();
    const hostile = sarif.runs[0].results.filter(
      (r: any) =>
        r.locations[0].physicalLocation.artifactLocation.uri ===
        'hostile.Dockerfile',
    );
    expect(hostile.length).toBeGreaterThan(0);
    expect(JSON.stringify(hostile)).toContain('<b>&\\"quoted\\"');
  });

  it('gitlab_codeclimate validates against GitLab’s Code Quality schema, with stable fingerprints', async () => {
    const first = await lint([...FILES, '--format', 'gitlab_codeclimate'], dir);
    const issues = JSON.parse(first.stdout) as any[];
    expect(issues.length).toBeGreaterThan(3);
    for (const issue of issues) {
      expect(gitlabIssueSchema(issue)).toBe(true);
      expect(['info', 'minor', 'major', 'critical', 'blocker']).toContain(
        issue.severity,
      );
    }
    expect(
      issues.find(i => i.location.path === 'node-naive.Dockerfile'),
    ).toMatchObject({ location: { lines: { begin: expect.any(Number) } } });
    // Fingerprints are unique and the same on the next run (GitLab diffs by them).
    expect(new Set(issues.map(i => i.fingerprint)).size).toBe(issues.length);
    const second = await lint(
      [...FILES, '--format', 'gitlab_codeclimate'],
      dir,
    );
    expect(second.stdout).toBe(first.stdout);
  });

  it('codeclimate writes NUL-terminated Code Climate issues', async () => {
    const { stdout } = await lint([...FILES, '--format', 'codeclimate'], dir);
    expect(stdout.endsWith('\0')).toBe(true);
    const issues = stdout
      .split('\0')
      .filter(Boolean)
      .map(doc => JSON.parse(doc));
    expect(issues.length).toBeGreaterThan(3);
    for (const issue of issues) {
      expect(issue.type).toBe('issue');
      expect(gitlabIssueSchema(issue)).toBe(true);
      expect(issue.categories.length).toBe(1);
    }
  });

  it('junit validates against the JUnit XSD: a suite per file, a failure per finding', async () => {
    const { stdout } = await lint([...FILES, '--format', 'junit'], dir);
    expect(xsdProblems(stdout, 'junit.xsd')).toBe('');
    expect(stdout).toContain(
      '<testcase name="no findings" classname="clean.Dockerfile" time="0"/>',
    );
    expect(stdout).toMatch(
      /<testsuite name="clean\.Dockerfile" [^>]*tests="1" failures="0"/,
    );
    expect(stdout).toMatch(
      /<testsuite name="node-naive\.Dockerfile" package="image-health" id="0" tests="(\d+)" failures="\1" errors="0"/,
    );
    expect(stdout).toContain('acme/&lt;b&gt;&amp;&quot;quoted&quot;&apos;');
  });

  it('checkstyle validates against the checkstyle XSD', async () => {
    const { stdout } = await lint([...FILES, '--format', 'checkstyle'], dir);
    expect(xsdProblems(stdout, 'checkstyle.xsd')).toBe('');
    expect(stdout).toContain('<file name="clean.Dockerfile">\n  </file>');
    expect(stdout).toMatch(
      /<error line="\d+" column="1" severity="warning" message="[^"]+" source="[^"]+"\/>/,
    );
  });

  it('an XML document stays well-formed whatever bytes a message holds', async () => {
    fs.writeFileSync(
      path.join(dir, 'controls.Dockerfile'),
      'FROM acme/app\u0001\u001b[2J\uffff\nRUN apt-get install curl\n',
    );
    for (const [format, xsd] of [
      ['junit', 'junit.xsd'],
      ['checkstyle', 'checkstyle.xsd'],
    ]) {
      const { stdout } = await lint(
        ['controls.Dockerfile', '--format', format],
        dir,
      );
      expect(xsdProblems(stdout, xsd)).toBe('');
    }
  });

  it('github writes one workflow command per finding, escaped so no message can start another', async () => {
    const { stdout } = await lint([...FILES, '--format', 'github'], dir);
    const lines = stdout.trimEnd().split('\n');
    for (const line of lines)
      expect(line).toMatch(
        /^::(error|warning|notice) file=[^,:]+,line=\d+(,endLine=\d+)?,title=[^:,]+::/,
      );
    const hostile = lines.filter(l => l.includes('file=hostile.Dockerfile'));
    expect(hostile.length).toBeGreaterThan(0);
    // The %0A in the file is escaped as %250A: it stays the text "%0A".
    expect(hostile.join('\n')).toContain('%250A::set-output');
    expect(lines.some(l => l.startsWith('::set-output'))).toBe(false);
  });

  it('tty is coloured only on a terminal', async () => {
    const pipe = await lint(['node-naive.Dockerfile'], dir);
    // eslint-disable-next-line no-control-regex
    expect(pipe.stdout).not.toMatch(/\u001b\[/);
    const terminal = await lint(['node-naive.Dockerfile'], dir, true);
    expect(terminal.stdout).toContain('\u001b[33mwarning\u001b[0m');
    // A control sequence from the Dockerfile never reaches the terminal.
    const controls = await lint(['controls.Dockerfile'], dir, true);
    expect(controls.stdout).not.toContain('\u001b[2J');
  });
});

describe('output formats of scan and inspect', () => {
  let dir: string;
  let registry: TestRegistry;
  let image: string;

  beforeAll(async () => {
    requireBinaries(['docker-registry', 'skopeo', 'xmllint']);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ih-formats-image-'));
    registry = await startRegistry({ dir, storage: path.join(dir, 'storage') });
    const tree = path.join(dir, 'tree');
    // The build context's .git came along with COPY . /app: an image finding
    // that the Dockerfile's COPY line caused.
    await writeTree(tree, {
      'app/main': { content: randomBytes(256 * 1024), mode: 0o755 },
      'app/.git/HEAD': { content: 'ref: refs/heads/main\n', mode: 0o644 },
      'app/.git/config': { content: '[core]\n\tbare = false\n', mode: 0o644 },
    });
    const layout = await new OciLayoutWriter(path.join(dir, 'layout')).init();
    const layer = await layout.layer(
      await tarDirectory(tree, `${tree}.tar`),
      'gzip',
    );
    await layout.image({
      layers: [layer],
      config: { Cmd: ['/app/main'] },
      history: [{ created_by: 'COPY . /app # buildkit' }],
      tag: 'v1',
    });
    image = `${registry.host}/acme/api:v1`;
    await pushLayout(layout.dir, 'v1', image);
    fs.writeFileSync(
      path.join(dir, 'Dockerfile'),
      'FROM alpine:3.20\nWORKDIR /app\nCOPY . /app\nCMD ["/app/main"]\n',
    );
  }, 120_000);

  afterAll(async () => {
    await registry?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function scan(format: string): Promise<Run> {
    let stdout = '';
    let stderr = '';
    // main() loads scan with a dynamic import, which jest's VM cannot run.
    const code = await runScan(
      [
        '--dockerfile',
        'Dockerfile',
        '--image',
        image,
        '--insecure-registry',
        registry.host,
        '--deep',
        '--fail-on',
        'none',
        '--format',
        format,
      ],
      {
        stdout: t => (stdout += t),
        stderr: t => (stderr += t),
        cwd: dir,
        env: { HOME: dir },
      },
    );
    return { code, stdout, stderr };
  }

  it('scan: SARIF places image findings at the Dockerfile line that caused them', async () => {
    const { code, stdout } = await scan('sarif');
    expect(code).toBe(0);
    const sarif = JSON.parse(stdout);
    expect(sarif).toBeValidSarifLog();
    const imageResults = sarif.runs[0].results.filter(
      (r: any) => r.properties?.image === image,
    );
    expect(imageResults.length).toBeGreaterThan(0);
    // The .git directory is traced to line 3, the COPY that brought it in.
    expect(imageResults.find((r: any) => r.ruleId === 'IMG009')).toMatchObject({
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'Dockerfile' },
            region: { startLine: 3 },
          },
        },
      ],
    });
    // A finding about the image as a whole (no USER in its config) is on the image.
    expect(imageResults.find((r: any) => r.ruleId === 'IMG001')).toMatchObject({
      locations: [{ logicalLocations: [{ name: image }] }],
    });
  });

  it('scan: every format validates, and image findings are in each', async () => {
    const junit = await scan('junit');
    expect(xsdProblems(junit.stdout, 'junit.xsd')).toBe('');
    const checkstyle = await scan('checkstyle');
    expect(xsdProblems(checkstyle.stdout, 'checkstyle.xsd')).toBe('');
    const gitlab = JSON.parse((await scan('gitlab_codeclimate')).stdout);
    for (const issue of gitlab) expect(gitlabIssueSchema(issue)).toBe(true);
    const github = (await scan('github')).stdout;
    expect(github).toMatch(/^::warning file=Dockerfile,line=3,title=IMG009::/m);
    const json = JSON.parse((await scan('json')).stdout);
    expect(json.score).toBeDefined();
  }, 60_000);

  it('inspect writes every format on a real image', async () => {
    const outputs: Record<string, string> = {};
    for (const format of OUTPUT_FORMATS) {
      let stdout = '';
      let stderr = '';
      const code = await main(
        [
          'inspect',
          image,
          '--insecure-registry',
          registry.host,
          '--format',
          format,
        ],
        {
          stdout: t => (stdout += t),
          stderr: t => (stderr += t),
          cwd: dir,
          env: { HOME: dir },
        },
      );
      expect({ format, code, stderr }).toEqual({ format, code: 0, stderr: '' });
      outputs[format] = stdout;
    }
    expect(JSON.parse(outputs.sarif)).toBeValidSarifLog();
    expect(xsdProblems(outputs.junit, 'junit.xsd')).toBe('');
    expect(xsdProblems(outputs.checkstyle, 'checkstyle.xsd')).toBe('');
    const issues = JSON.parse(outputs.gitlab_codeclimate) as unknown[];
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.filter(issue => !gitlabIssueSchema(issue))).toEqual([]);
    expect(JSON.parse(outputs.json).ref).toBe(image);
    expect(outputs.tty).toContain(`${image}\n  digest:`);
  }, 60_000);
});
