import { rule } from './cmd-shell-form';
import { describeRule, hitsOf } from '../testing';
import { corpusFile } from '../../quality/corpus';

// DL3025's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM debian:12.5\nCMD node index.js',
    'FROM debian:12.5\nENTRYPOINT /docker-entrypoint.sh',
    'FROM node:20 AS app\nENTRYPOINT something',
    'FROM debian:12.5\nSHELL ["/bin/bash", "-c"]\nCMD node index.js',
  ],
  passes: [
    'FROM debian:12.5\nCMD ["node", "index.js"]',
    'FROM debian:12.5\nCMD [ "node", "index.js" ]',
    'FROM debian:12.5\nENTRYPOINT ["/entry.sh"]',
    'FROM debian:12.5\nHEALTHCHECK CMD [ "curl", "-f", "http://localhost/" ]',
    'FROM debian:12.5\nHEALTHCHECK NONE',
    // Issue 13: DL3025 also holds HEALTHCHECK CMD to JSON form; a probe needs no stop signal.
    'FROM debian:12.5\nHEALTHCHECK CMD curl -f http://localhost/',
    'FROM debian:12.5\nHEALTHCHECK --interval=30s CMD curl -f http://localhost/',
    // Windows: no SIGTERM, and shell form runs the stage's SHELL.
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nCMD .\\start.ps1',
    'FROM debian:12.5\nCMD [ "/bin/sh", "-c", \\\n      "echo foo && \\\n       echo bar" \\\n    ]',
  ],
});

describe('cmd-shell-form remediation', () => {
  it('wraps shell logic in the shell the stage has', () => {
    const [hit] = hitsOf(
      rule,
      'FROM debian:12.5\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nCMD cd /app && ./serve',
    );
    expect(hit.message).toContain('runs under /bin/bash -o pipefail -c');
    expect(hit.after).toBe(
      'CMD ["/bin/bash", "-o", "pipefail", "-c", "cd /app && exec ./serve"]',
    );
  });

  it('leaves the HEALTHCHECK and the Windows CMD of a real Dockerfile alone', () => {
    expect(
      hitsOf(
        rule,
        corpusFile(
          'apps/docker/labs/dockercon-us-2017/windows-101/tweet-app/Dockerfile',
        ),
      ),
    ).toEqual([]);
  });
});

describe('cmd-shell-form: exec goes before the program, not before cd (issue 13)', () => {
  it('execs the last command of a real start script', () => {
    const [hit] = hitsOf(
      rule,
      corpusFile('apps/docker/labs/beginner/static-site/Dockerfile'),
    );
    expect(hit.after).toBe(
      `CMD ["/bin/sh", "-c", "cd /usr/share/nginx/html && sed -e s/Docker/\\"$AUTHOR\\"/ Hello_docker.html > index.html ; exec nginx -g 'daemon off;'"]`,
    );
  });

  it('keeps a variable for the shell to expand', () => {
    const [hit] = hitsOf(
      rule,
      corpusFile(
        'apps/testdrivenio/fastapi-tdd-docker/project/Dockerfile.prod',
      ),
    );
    expect(hit.after).toBe(
      'CMD ["/bin/sh", "-c", "exec gunicorn --bind 0.0.0.0:$PORT app.main:app -k uvicorn.workers.UvicornWorker"]',
    );
  });
});
