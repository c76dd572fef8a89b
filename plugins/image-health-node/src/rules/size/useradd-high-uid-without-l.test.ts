import { rule } from './useradd-high-uid-without-l';
import { describeRule, hitsOf } from '../testing';
import { parseDockerfile } from '../../dockerfile/parse';
import { applyEditsTo } from '../support';

// DL3046's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM debian:12.5\nRUN useradd -u 100000 app',
    'FROM debian:12.5\nRUN groupadd -g 100000 app && useradd -m -g app -u 100000 app',
    'FROM debian:12.5\nRUN useradd -mu 654321 -s /bin/sh app',
    'FROM debian:12.5\nARG APP_UID=1001\nRUN useradd -u "$APP_UID" app',
    'FROM debian:12.5\nONBUILD RUN useradd -u 100000 app',
    // hadolint reads RUN lines wherever they stand.
    'RUN useradd -u 100000 app\nFROM debian:12.5',
  ],
  passes: [
    'FROM debian:12.5\nRUN useradd app',
    'FROM debian:12.5\nRUN useradd -u 10001 app',
    'FROM debian:12.5\nRUN useradd -l -u 100000 app',
    'FROM debian:12.5\nRUN useradd --no-log-init -u 100000 app',
    'FROM debian:12.5\nRUN useradd -lmu 100000 app',
    'FROM debian:12.5\nRUN useradd -l app',
    // hadolint reads the value of -u only, and the word after the flag.
    'FROM debian:12.5\nRUN useradd --uid 100000 app',
    'FROM debian:12.5\nRUN useradd -u100000 app',
    'FROM debian:12.5\nRUN /usr/sbin/useradd -u 100000 app',
    'FROM debian:12.5\nRUN adduser -u 100000 app',
  ],
});

describe('useradd-high-uid-without-l fix', () => {
  it('adds -l to the user’s own line, which then passes', () => {
    const text =
      'FROM debian:12.5\nRUN groupadd -g 100000 app \\\n && useradd -m -u 100000 -g app app';
    const [hit] = hitsOf(rule, text);
    const model = parseDockerfile(text);
    const fixed = applyEditsTo(model, model.instructions[1], hit.edits ?? []);
    expect(fixed).toBe(
      'RUN groupadd -g 100000 app \\\n && useradd -l -m -u 100000 -g app app',
    );
    expect(hitsOf(rule, `FROM debian:12.5\n${fixed}`)).toEqual([]);
  });
});
