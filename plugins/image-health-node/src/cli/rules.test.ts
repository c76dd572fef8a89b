import fs from 'node:fs';
import path from 'node:path';
import { main } from './main';
import { rulesMarkdown } from './rules';

const README = path.resolve(__dirname, '../../README.md');
const START = '<!-- rules:start';
const END = '<!-- rules:end -->';

function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  return main(args, {
    stdout: t => (stdout += t),
    stderr: t => (stderr += t),
    cwd: process.cwd(),
  }).then(code => ({ code, stdout, stderr }));
}

describe('image-health rules', () => {
  it('lists every rule with the peer ids it answers to', async () => {
    const text = await run(['rules']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /^apt-no-install-recommends\s+Dockerfile\s+size\s+\w+\s+.*DL3015/m,
    );
    expect(text.stdout).toMatch(/^IMG001\s+image\s+security\s+.*root/m);
    // Trivy's and dockle's ids where the rule does what they document
    expect(text.stdout).toMatch(/^workdir-relative\s+.*DS-0009/m);
    expect(text.stdout).toMatch(/^IMG014\s+image\s+security\s+.*DKL-LI-0001/m);
    expect(text.stdout).toMatch(/^IMG005\s+.*CIS-DI-0010/m);
    expect(text.stdout).not.toMatch(/DKL-DI-0010/);

    const json = await run(['rules', '--format', 'json']);
    const rules = JSON.parse(json.stdout) as Array<{ id: string }>;
    expect(new Set(rules.map(r => r.id)).size).toBe(rules.length);
    expect(text.stdout.trim().split('\n')).toHaveLength(rules.length);
  });

  it('refuses an unknown format', async () => {
    const { code, stderr } = await run(['rules', '--format', 'yaml']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--format must be one of text, json, markdown/);
  });

  it("the engine's README lists exactly the rules the engine has", () => {
    const readme = fs.readFileSync(README, 'utf8');
    const start = readme.indexOf('\n', readme.indexOf(START)) + 1;
    const end = readme.indexOf(END);
    expect(start).toBeGreaterThan(0);
    expect(end).toBeGreaterThanOrEqual(start);
    const table = `${rulesMarkdown()}\n`;
    if (process.env.IMAGE_HEALTH_UPDATE_DOCS === '1') {
      fs.writeFileSync(
        README,
        readme.slice(0, start) + table + readme.slice(end),
      );
      return;
    }
    // Out of date: IMAGE_HEALTH_UPDATE_DOCS=1 CI=true yarn backstage-cli package test src/cli/rules.test.ts
    expect(readme.slice(start, end)).toBe(table);
  });
});
