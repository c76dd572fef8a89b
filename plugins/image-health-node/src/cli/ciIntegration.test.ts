import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';

/**
 * The CI integrations shipped at the repository root, run as their CI
 * systems would run them: the Action's step script with its inputs, the
 * GitLab job's script with its variables, the pre-commit hook's entry on
 * staged files, each against the repository's own example Dockerfiles.
 */
const repoRoot = path.resolve(__dirname, '../../../..');
const packageRoot = path.resolve(__dirname, '../..');
const schemas = path.join(packageRoot, 'src/output/__fixtures__');

/** Runs a shell script as a CI runner does (bash, -e), with the given environment. */
function bash(script: string, cwd: string, env: Record<string, string>) {
  return spawnSync('bash', ['-e', '-o', 'pipefail', '-c', script], {
    cwd,
    env: { PATH: process.env.PATH!, HOME: cwd, ...env },
    encoding: 'utf8',
  });
}

describe('CI integrations', () => {
  let workspace: string;
  beforeAll(() => {
    // The integrations run the built CLI; build it from this checkout.
    execFileSync(process.execPath, ['bin/build-cli.mjs'], { cwd: packageRoot });
    // A project checkout: the repository's examples, as a user's repo holds Dockerfiles.
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'ih-ci-'));
    for (const example of ['node-naive', 'go-multi-stage', 'apt-layer-pile']) {
      fs.mkdirSync(path.join(workspace, 'services', example), {
        recursive: true,
      });
      fs.copyFileSync(
        path.join(repoRoot, 'examples', example, 'Dockerfile'),
        path.join(workspace, 'services', example, 'Dockerfile'),
      );
    }
  }, 120_000);
  afterAll(() => fs.rmSync(workspace, { recursive: true, force: true }));

  describe('GitHub Action (action.yml)', () => {
    const action = parse(
      fs.readFileSync(path.join(repoRoot, 'action.yml'), 'utf8'),
    );

    /** The step's env with `${{ inputs.* }}` and `${{ github.action_path }}` resolved as the runner does. */
    function stepEnv(
      step: { env?: Record<string, string> },
      inputs: Record<string, string>,
    ) {
      const env: Record<string, string> = {};
      for (const [name, value] of Object.entries(step.env ?? {})) {
        env[name] = value.replace(
          /\$\{\{\s*([\w.-]+)\s*\}\}/g,
          (_, expression: string) => {
            if (expression === 'github.action_path') return repoRoot;
            const input = /^inputs\.([\w-]+)$/.exec(expression)?.[1];
            if (!input || !(input in action.inputs))
              throw new Error(`unexpected expression ${expression}`);
            return inputs[input] ?? action.inputs[input].default;
          },
        );
      }
      return env;
    }

    function runAction(inputs: Record<string, string>) {
      expect(action.runs.using).toBe('composite');
      let last;
      for (const step of action.runs.steps) {
        expect(step.shell).toBe('bash');
        // No input is pasted into a script: they arrive as environment variables.
        expect(step.run).not.toContain('${{');
        last = bash(step.run, workspace, stepEnv(step, inputs));
        if (last.status !== 0) break;
      }
      return last!;
    }

    it('annotates the examples and fails at the failure threshold', () => {
      const run = runAction({
        path: 'services/**/Dockerfile',
        'failure-threshold': 'warning',
      });
      expect(run.status).toBe(1);
      const lines = run.stdout.trimEnd().split('\n');
      expect(
        lines.some(l =>
          l.startsWith('::warning file=services/node-naive/Dockerfile,line='),
        ),
      ).toBe(true);
      expect(
        lines.some(l => l.includes('file=services/apt-layer-pile/Dockerfile')),
      ).toBe(true);
      for (const line of lines)
        expect(line).toMatch(/^::(error|warning|notice) file=services\//);
    });

    it('passes with failure-threshold none, and writes SARIF to output-file', () => {
      const run = runAction({
        path: 'services/node-naive/Dockerfile',
        format: 'sarif',
        'failure-threshold': 'none',
        'output-file': 'image-health.sarif',
      });
      expect(run.status).toBe(0);
      const sarif = JSON.parse(
        fs.readFileSync(path.join(workspace, 'image-health.sarif'), 'utf8'),
      );
      expect(sarif.version).toBe('2.1.0');
      expect(sarif.runs[0].results.length).toBeGreaterThan(0);
    });

    it('honours the config input (a .hadolint.yaml)', () => {
      fs.writeFileSync(path.join(workspace, 'lenient.yaml'), 'no-fail: true\n');
      const inputs = {
        path: 'services/go-multi-stage/Dockerfile',
        'failure-threshold': 'warning',
      };
      const strict = runAction(inputs);
      expect(strict.status).toBe(1);
      const lenient = runAction({ ...inputs, config: 'lenient.yaml' });
      expect(lenient.status).toBe(0);
      expect(lenient.stderr).toBe('');
      // The same annotations: only the decision changed.
      expect(lenient.stdout).toBe(strict.stdout);
    });
  });

  describe('GitLab CI template', () => {
    const template = parse(
      fs.readFileSync(
        path.join(repoRoot, 'ci/gitlab/image-health.gitlab-ci.yml'),
        'utf8',
      ),
    );
    const job = template['.image-health'];
    const validIssue = new Ajv({ strict: false }).compile(
      JSON.parse(
        fs.readFileSync(path.join(schemas, 'gitlab-codeclimate.json'), 'utf8'),
      ),
    );

    function runJob(variables: Record<string, string>) {
      return bash(job.script.join('\n'), workspace, {
        ...job.variables,
        // The runner image would fetch the published package; here, this checkout's CLI.
        IMAGE_HEALTH: path.join(repoRoot, 'ci/image-health'),
        ...variables,
      });
    }

    it('writes the Code Quality and JUnit reports its artifacts name, and fails at the threshold', () => {
      const run = runJob({
        IMAGE_HEALTH_PATHS: 'services/**/Dockerfile',
        IMAGE_HEALTH_FAIL_ON: 'warning',
      });
      expect(run.status).toBe(1);
      const quality = JSON.parse(
        fs.readFileSync(
          path.join(workspace, job.artifacts.reports.codequality),
          'utf8',
        ),
      );
      expect(quality.length).toBeGreaterThan(5);
      expect(quality.filter((issue: unknown) => !validIssue(issue))).toEqual(
        [],
      );
      expect(quality.map((i: any) => i.location.path)).toContain(
        'services/node-naive/Dockerfile',
      );
      const junit = path.join(workspace, job.artifacts.reports.junit);
      const xmllint = spawnSync(
        'xmllint',
        ['--noout', '--schema', path.join(schemas, 'junit.xsd'), junit],
        { encoding: 'utf8' },
      );
      expect(xmllint.stderr).toContain('validates');
      expect(xmllint.status).toBe(0);
    });

    it('passes with the default threshold on examples without errors', () => {
      const run = runJob({
        IMAGE_HEALTH_PATHS: 'services/go-multi-stage/Dockerfile',
        IMAGE_HEALTH_FAIL_ON: 'none',
      });
      expect(run.status).toBe(0);
    });
  });

  describe('pre-commit hook (.pre-commit-hooks.yaml)', () => {
    const [hook] = parse(
      fs.readFileSync(path.join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8'),
    );

    it('lints the staged Dockerfiles and only those', () => {
      const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'ih-pre-commit-'));
      try {
        const git = (...args: string[]) =>
          execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
        git('init', '-q');
        fs.copyFileSync(
          path.join(repoRoot, 'examples/node-naive/Dockerfile'),
          path.join(repo, 'Dockerfile'),
        );
        fs.copyFileSync(
          path.join(repoRoot, 'examples/apt-layer-pile/Dockerfile'),
          path.join(repo, 'api.Dockerfile'),
        );
        fs.writeFileSync(path.join(repo, 'README.md'), 'FROM is not here\n');
        git('add', 'Dockerfile', 'README.md');
        // pre-commit passes the staged files its `files` pattern matches.
        const files = new RegExp(hook.files);
        const staged = git('diff', '--cached', '--name-only')
          .split('\n')
          .filter(f => f && files.test(f));
        expect(staged).toEqual(['Dockerfile']);
        expect(hook.language).toBe('script');
        const [script, ...args] = hook.entry.split(' ');
        const run = spawnSync(
          path.join(repoRoot, script),
          [...args, ...staged],
          {
            cwd: repo,
            encoding: 'utf8',
            env: { PATH: process.env.PATH!, HOME: repo },
          },
        );
        // node-naive has an error-severity finding (an end-of-life base image).
        expect(run.status).toBe(1);
        expect(run.stdout).toContain('Dockerfile:3 error');
        expect(run.stdout).not.toContain('api.Dockerfile');
        // The unstaged api.Dockerfile matches the pattern too.
        expect(files.test('api.Dockerfile')).toBe(true);
      } finally {
        fs.rmSync(repo, { recursive: true, force: true });
      }
    });
  });
});
