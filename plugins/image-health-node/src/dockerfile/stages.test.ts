import { parseDockerfile } from './parse';
import { stageReaches } from './stages';
import { analyzeDockerfile } from './analyze';
import { corpusFile } from '../quality/corpus';

const reachOf = (text: string) => {
  const model = parseDockerfile(text);
  const reach = stageReaches(model);
  return Object.fromEntries(
    model.stages.map(s => [s.name ?? String(s.index), reach[s.index]]),
  );
};

describe('which stages reach the final image', () => {
  it('reads the stage graph of docker/getting-started', () => {
    expect(
      reachOf(corpusFile('apps/docker/getting-started/Dockerfile')),
    ).toEqual({
      // Built on by `build` and `dev`; `build` is copied from.
      base: 'copied',
      'app-base': 'copied',
      // app-zip-creator copies package.json out of it.
      test: 'copied',
      'app-zip-creator': 'copied',
      // A development target: nothing uses it.
      dev: 'unused',
      build: 'copied',
      '6': 'shipped',
    });
  });

  it('ships the stages the final one is built on, and a stage copied whole', () => {
    expect(
      reachOf(
        'FROM debian:12 AS os\nFROM os AS runtime\nFROM golang:1.22 AS tools\nFROM runtime\nCOPY --from=tools / /',
      ),
    ).toEqual({
      os: 'shipped',
      runtime: 'shipped',
      tools: 'shipped',
      '3': 'shipped',
    });
  });
});

describe('findings in stages that do not ship', () => {
  const django = 'apps/testdrivenio/django-on-docker/app/Dockerfile.prod';
  const findings = analyzeDockerfile({
    location: django,
    content: corpusFile(django),
  }).findings;
  const at = (ruleId: string, line: number) =>
    findings.find(f => f.ruleId === ruleId && f.line === line);

  it('reports pinning in the builder as info, with the reason', () => {
    expect(at('apt-pin-versions', 16)).toMatchObject({
      severity: 'info',
      message: expect.stringContaining(
        'stage builder is not in the final image',
      ),
    });
    expect(at('pip-pin-versions', 20)?.severity).toBe('info');
  });

  it('still warns of the same rule in the final stage', () => {
    expect(at('apt-pin-versions', 52)?.severity).toBe('warning');
  });

  it('says nothing of package caches the builder never ships', () => {
    const file = 'apps/docker/getting-started/Dockerfile';
    const ids = analyzeDockerfile({ location: file, content: corpusFile(file) })
      .findings.filter(f => f.line === 24)
      .map(f => f.ruleId);
    expect(ids).not.toContain('apk-no-cache');
    expect(ids).toContain('apk-pin-versions');
  });

  it("keeps the operator's severity override", () => {
    const overridden = analyzeDockerfile({
      location: django,
      content: corpusFile(django),
      severity: { DL3008: 'error' },
    }).findings.find(f => f.ruleId === 'apt-pin-versions' && f.line === 16);
    expect(overridden?.severity).toBe('error');
  });
});

describe('a .devcontainer/ Dockerfile', () => {
  const file = 'apps/devcontainers/images/src/cpp/.devcontainer/Dockerfile';
  const findings = analyzeDockerfile({
    location: file,
    content: corpusFile(file),
  }).findings;

  it('is judged as a development environment: root, compilers and pinning are info, with the reason', () => {
    for (const id of [
      'user-root-explicit',
      'apt-pin-versions',
      'build-tools-in-final-stage',
    ]) {
      const finding = findings.find(f => f.ruleId === id);
      expect(finding).toMatchObject({
        severity: 'info',
        message: expect.stringContaining('development environment'),
      });
    }
  });

  it('is the same file judged as a shipped image elsewhere', () => {
    const shipped = analyzeDockerfile({
      location: 'Dockerfile',
      content: corpusFile(file),
    }).findings.find(f => f.ruleId === 'user-root-explicit');
    expect(shipped?.severity).toBe('warning');
  });
});
