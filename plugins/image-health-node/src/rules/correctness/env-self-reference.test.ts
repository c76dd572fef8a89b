import { rule } from './env-self-reference';
import { describeRule, hitsOf } from '../testing';

// DL3044's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM python:3.12\nENV APP_HOME="/srv/app" CONFIG="${APP_HOME}/config.yml"',
    'FROM python:3.12\nENV APP_HOME="/srv/app" CONFIG="$APP_HOME/config.yml"',
    'FROM python:3.12\nENV APP_HOME=/srv/app CONFIG=$APP_HOME',
    'FROM python:3.12\nENV APP_HOME=/srv/app CONFIG=${APP_HOME}',
    'FROM python:3.12\nENV APP_HOME=/srv/app \\\n    CONFIG=$APP_HOME/$APP_HOME_EXTRA/config.yml',
    'FROM python:3.12\nENV PATH=/opt/a/bin:${PATH} PATH=/opt/b/bin:${PATH}',
    'FROM python:3.12\nENV GREETING="hello world" MOTD="$GREETING, and welcome"',
  ],
  passes: [
    'FROM python:3.12\nENV APP_HOME="/srv/app"\nENV CONFIG="${APP_HOME}/config.yml"',
    'FROM python:3.12\nENV APP_HOME="/srv/app" CONFIG="${MY_APP_HOME}/config.yml"',
    'FROM python:3.12\nENV APP_HOME="/srv/app" CONFIG="${APP_HOME_EXTRA}/config.yml"',
    'FROM python:3.12\nENV APP_HOME="/srv/app" CONFIG="$MY_APP_HOME/config.yml"',
    'FROM python:3.12\nENV APP_HOME="/srv/app" CONFIG="$APP_HOME_EXTRA/config.yml"',
    'FROM python:3.12\nENV APP_HOME="/srv/app" CONFIG="APP_HOME/$APP_HOME_EXTRA/APP_HOME"',
    'FROM python:3.12\nARG APP_HOME\nENV APP_HOME=${APP_HOME} CONFIG=${APP_HOME}/config.yml',
    'FROM python:3.12\nENV APP_HOME /srv/app\nENV APP_HOME=${APP_HOME} CONFIG=${APP_HOME}/config.yml',
    'FROM python:3.12\nENV PATH=/opt/venv/bin:${PATH}',
    'FROM python:3.12\nENV GREETING="hello $USER world" MOTD="$GREETINGS"',
    'FROM python:3.12\nENV PATH=/opt/a/bin:${PATH}\nENV PATH=/opt/b/bin:$PATH',
    // The legacy form sets one variable: the rest of the line is its value.
    'FROM python:3.12\nENV CONFIG $APP_HOME/config.yml APP_HOME=/srv/app',
  ],
});

describe('env-self-reference findings', () => {
  it('splits the user’s ENV into one statement per variable', () => {
    const [hit] = hitsOf(
      rule,
      'FROM python:3.12\nENV APP_HOME="/srv/app" \\\n    CONFIG="${APP_HOME}/config.yml"',
    );
    expect(hit.message).toBe(
      'ENV uses $APP_HOME in the statement that defines it',
    );
    expect(hit.after).toBe(
      'ENV APP_HOME="/srv/app"\nENV CONFIG="${APP_HOME}/config.yml"',
    );
  });
});

describe('an ENV with thousands of pairs', () => {
  it('names the one pair another refers to', () => {
    const pairs = Array.from({ length: 20_000 }, (_, i) => `V${i}=x${i}`);
    const hits = hitsOf(
      rule,
      `FROM python:3.12\nENV ${pairs.join(' ')} LAST=$V7/bin\n`,
    );
    expect(hits.map(h => h.message)).toEqual([
      'ENV uses $V7 in the statement that defines it',
    ]);
  });
});
