import { redactText } from './text';
import { isSecretName } from './names';

describe('redactText', () => {
  it.each([
    ['ENV DB_PASSWORD=hunter2', 'ENV DB_PASSWORD=[redacted]'],
    ['ENV DB_PASSWORD hunter2 and more', 'ENV DB_PASSWORD [redacted]'],
    ['ENV API_TOKEN(=1', 'ENV API_TOKEN(=[redacted]'],
    [
      '/bin/sh -c #(nop)  ENV GITHUB_TOKEN="ghp 123" PORT=80',
      '/bin/sh -c #(nop)  ENV GITHUB_TOKEN="[redacted]" PORT=80',
    ],
    [
      "RUN |2 NPM_TOKEN=abc SECRET_KEY='x y' /bin/sh -c npm ci",
      "RUN |2 NPM_TOKEN=[redacted] SECRET_KEY='[redacted]' /bin/sh -c npm ci",
    ],
    [
      'git clone https://x-access-token:ghs_abc@github.com/acme/app.git',
      'git clone https://x-access-token:[redacted]@github.com/acme/app.git',
    ],
    [
      'pip install --index-url https://tok3n@pypi.acme.dev/simple x',
      'pip install --index-url https://[redacted]@pypi.acme.dev/simple x',
    ],
    [
      'curl -fsS -u deploy:s3cret https://x',
      'curl -fsS -u deploy:[redacted] https://x',
    ],
    ['curl --user=deploy:s3cret x', 'curl --user=deploy:[redacted] x'],
    [
      'docker login --password hunter2 -u me reg',
      'docker login --password [redacted] -u me reg',
    ],
    ['mysql --password=hunter2 db', 'mysql --password=[redacted] db'],
    [
      'CMD ["app", "--api-key", "k-123"]',
      'CMD ["app", "--api-key", "[redacted]"]',
    ],
    [
      'curl -H "Authorization: Bearer eyJhbGciOi.x.y" https://api',
      'curl -H "Authorization: Bearer [redacted]" https://api',
    ],
    [
      'wget --header="Authorization: token ghp_0123456789" x',
      'wget --header="Authorization: token [redacted]" x',
    ],
    [
      'curl -H "X: Basic dXNlcjpwYXNzd29yZA==" x',
      'curl -H "X: Basic [redacted]" x',
    ],
    [
      'curl "https://api?x=1&access_token=abc123"',
      'curl "https://api?x=1&access_token=[redacted]"',
    ],
  ])('%s', (text, redacted) => {
    expect(redactText(text)).toBe(redacted);
  });

  it('leaves what only looks like a secret alone', () => {
    for (const text of [
      'docker login --password-stdin reg',
      'ENV DB_PASSWORD_FILE=/run/secrets/db PORT=8080',
      'RUN docker run -u 1000:1000 app',
      'Use basic authentication or a token file',
      'ARG GPG_KEYS=0x1234',
      'RUN mkdir -p /app && chown 1000:1000 /app',
      'https://github.com/acme/app.git',
    ])
      expect(redactText(text)).toBe(text);
  });

  it('keeps the lines of a private-key block, without its body', () => {
    const key =
      'RUN echo "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk\nAAAAB3NzaC1yc2E\n-----END OPENSSH PRIVATE KEY-----" > /k\nUSER app';
    const out = redactText(key);
    expect(out).not.toContain('b3BlbnNzaC1rZXk');
    expect(out).not.toContain('AAAAB3NzaC1yc2E');
    expect(out.split('\n')).toHaveLength(key.split('\n').length);
    expect(out).toContain('-----END OPENSSH PRIVATE KEY-----');
    expect(redactText('-----BEGIN PRIVATE KEY-----\nMIIEvQ (truncated)')).toBe(
      '-----BEGIN PRIVATE KEY-----[redacted]\n',
    );
    const cert = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
    expect(redactText(cert)).toBe(cert);
  });

  it('answers on megabytes of hostile text, whole', () => {
    const shapes = [
      'PASSWORD="'.repeat(100_000),
      'a='.repeat(200_000),
      `${'x'.repeat(500_000)}=1`,
      'https://'.repeat(100_000),
      `https://${'a:'.repeat(100_000)}@h`,
      '-----BEGIN '.repeat(50_000),
      ' --password'.repeat(100_000),
      `ENV ${'A'.repeat(500_000)}`,
      `${' '.repeat(500_000)}Bearer`,
    ];
    for (const text of shapes) expect(typeof redactText(text)).toBe('string');
    expect(redactText(`${'x'.repeat(500_000)}_TOKEN=1`)).toMatch(
      /_TOKEN=\[redacted\]$/,
    );
  });
});

describe('isSecretName', () => {
  it('reads env names, label keys and flags alike', () => {
    expect(isSecretName('DB_PASSWORD')).toBe(true);
    expect(isSecretName('com.acme.api-key')).toBe(true);
    expect(isSecretName('password')).toBe(true);
    expect(isSecretName('NPM_TOKEN')).toBe(true);
    expect(isSecretName('PASSWORD_FILE')).toBe(false);
    expect(isSecretName('password-stdin')).toBe(false);
    expect(isSecretName('org.opencontainers.image.source')).toBe(false);
    expect(isSecretName('PATH')).toBe(false);
  });
});
