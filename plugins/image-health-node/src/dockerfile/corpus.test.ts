import fs from 'fs';
import path from 'path';
import { DockerfileParser } from 'dockerfile-ast';
import { analyzeDockerfile } from './analyze';
import { analyzeWithFixes } from './analyze';
import { parseDockerfile } from './parse';

/** The shared corpus of real Dockerfiles, beside the repository (never copied into it). */
const CORPUS = path.resolve(__dirname, '../../../../../shared/corpus');

function dockerfilesUnder(dir: string, found: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) dockerfilesUnder(full, found);
    else if (/Dockerfile/i.test(entry.name)) found.push(full);
  }
  return found;
}

const files = fs.existsSync(CORPUS)
  ? dockerfilesUnder(CORPUS).map(file => ({
      file,
      content: fs.readFileSync(file, 'utf8'),
    }))
  : [];

describe('the shared corpus', () => {
  it('is there (~600 real Dockerfiles)', () => {
    expect(files.length).toBeGreaterThan(500);
  });

  it('reads every file without a parse error', () => {
    const failing = files
      .map(({ file, content }) => ({
        file,
        errors: analyzeDockerfile({ location: file, content }).parseErrors,
      }))
      .filter(r => r.errors.length > 0);
    expect(failing).toEqual([]);
  });

  it('sees the same instructions as dockerfile-ast on every file', () => {
    const differences: string[] = [];
    for (const { file, content } of files) {
      const ours = parseDockerfile(content).instructions.map(
        i => `${i.line}:${i.keyword}`,
      );
      const theirs = DockerfileParser.parse(content)
        .getInstructions()
        .map(
          i => `${i.getRange().start.line + 1}:${i.getKeyword().toUpperCase()}`,
        );
      if (ours.join(' ') !== theirs.join(' ')) differences.push(file);
    }
    expect(differences).toEqual([]);
  });

  it('reads RUN commands like mvdan-sh does on at least 98% of the corpus RUNs', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sh = require('mvdan-sh').syntax;
    const parser = sh.NewParser();
    const DECLARATIONS = new Set([
      'export',
      'local',
      'declare',
      'readonly',
      'typeset',
    ]);
    let same = 0;
    let total = 0;
    for (const { content } of files) {
      for (const instruction of parseDockerfile(content).instructions) {
        if (instruction.shell?.kind !== 'posix') continue;
        const theirs: string[] = [];
        try {
          sh.Walk(parser.Parse(instruction.shell.text, ''), (node: any) => {
            if (node && sh.NodeType(node) === 'CallExpr' && node.Args?.length) {
              const parts = node.Args[0].Parts;
              const literal = parts.every((p: any) =>
                ['Lit', 'SglQuoted'].includes(sh.NodeType(p)),
              );
              theirs.push(
                literal ? parts.map((p: any) => p.Value).join('') : '?',
              );
            }
            return true;
          });
        } catch {
          continue;
        }
        const ours = instruction.shell.commands
          .filter(c => c.name !== '' && !DECLARATIONS.has(c.name))
          .map(c =>
            c.name.includes('$') || c.name.includes('`') ? '?' : c.name,
          );
        total++;
        if ([...ours].sort().join(' ') === [...theirs].sort().join(' ')) same++;
      }
    }
    expect(total).toBeGreaterThan(1500);
    expect(same / total).toBeGreaterThan(0.98);
  });

  it('suggests Dockerfiles that parse and no longer raise the fixed findings', () => {
    const problems: string[] = [];
    let suggested = 0;
    for (const { file, content } of files) {
      const { result, fixed } = analyzeWithFixes({ location: file, content });
      if (!result.suggestedDockerfile) continue;
      suggested++;
      const again = analyzeDockerfile({
        location: file,
        content: result.suggestedDockerfile,
      });
      if (again.parseErrors.length > 0)
        problems.push(`${file}: ${again.parseErrors[0].message}`);
      if (again.stages.length !== result.stages.length)
        problems.push(`${file}: stages changed`);
      for (const ruleId of new Set(fixed.map(f => f.ruleId))) {
        const before = result.findings.filter(f => f.ruleId === ruleId).length;
        const fixedCount = fixed.filter(f => f.ruleId === ruleId).length;
        const after = again.findings.filter(f => f.ruleId === ruleId).length;
        if (after > before - fixedCount)
          problems.push(
            `${file}: ${ruleId} ${before} → ${after} after fixing ${fixedCount}`,
          );
      }
    }
    expect(suggested).toBeGreaterThan(100);
    expect(problems).toEqual([]);
  });
});
