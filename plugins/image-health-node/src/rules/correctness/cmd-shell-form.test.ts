import { rule } from './cmd-shell-form';
import { describeRule, hitsOf } from '../testing';

// DL3025's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM debian:12.5\nCMD node index.js',
    'FROM debian:12.5\nENTRYPOINT /docker-entrypoint.sh',
    'FROM node:20 AS app\nENTRYPOINT something',
    'FROM debian:12.5\nHEALTHCHECK CMD curl -f http://localhost/',
    'FROM debian:12.5\nHEALTHCHECK --interval=30s CMD curl -f http://localhost/',
  ],
  passes: [
    'FROM debian:12.5\nCMD ["node", "index.js"]',
    'FROM debian:12.5\nCMD [ "node", "index.js" ]',
    'FROM debian:12.5\nENTRYPOINT ["/entry.sh"]',
    'FROM debian:12.5\nHEALTHCHECK CMD [ "curl", "-f", "http://localhost/" ]',
    'FROM debian:12.5\nHEALTHCHECK NONE',
    'FROM debian:12.5\nCMD [ "/bin/sh", "-c", \\\n      "echo foo && \\\n       echo bar" \\\n    ]',
  ],
});

describe('cmd-shell-form remediation', () => {
  it('rewrites a HEALTHCHECK command in JSON form', () => {
    const [hit] = hitsOf(
      rule,
      'FROM debian:12.5\nHEALTHCHECK --interval=30s CMD curl -f http://localhost/',
    );
    expect(hit.summary).toContain(
      'HEALTHCHECK CMD ["curl", "-f", "http://localhost/"]',
    );
    expect(hit.edits).toHaveLength(1);
  });
});
