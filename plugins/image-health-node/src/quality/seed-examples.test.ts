import fs from 'node:fs';
import path from 'node:path';
import { analyzeDockerfile } from '../dockerfile/analyze';
import recorded from './seed-examples.json';

/**
 * The seed guide's example pairs (examples/) show what the product finds: the
 * findings recorded before issue 13's precision work must all still be there,
 * at the same severity.
 */
const REPOSITORY = path.resolve(__dirname, '../../../..');

describe("the seed guide's examples", () => {
  it.each(Object.entries(recorded))(
    '%s keeps its findings',
    (file, findings) => {
      const content = fs.readFileSync(path.join(REPOSITORY, file), 'utf8');
      const dockerignore = path.join(
        REPOSITORY,
        path.dirname(file),
        '.dockerignore',
      );
      const now = analyzeDockerfile({
        location: file,
        content,
        dockerignore: fs.existsSync(dockerignore)
          ? fs.readFileSync(dockerignore, 'utf8')
          : undefined,
      }).findings.map(f => `${f.ruleId} ${f.severity} ${f.line}`);
      for (const f of findings)
        expect(now).toContain(`${f.rule} ${f.severity} ${f.line}`);
    },
  );
});
