import { classifyUser, configFacts } from './config';

describe('configFacts', () => {
  it.each([
    [undefined, '', true, 'implicit'],
    ['', '', true, 'implicit'],
    ['root', 'root', true, 'explicit'],
    ['0', '0', true, 'explicit'],
    ['0:0', '0:0', true, 'explicit'],
    ['root:staff', 'root:staff', true, 'explicit'],
    ['1000', '1000', false, 'none'],
    ['app:app', 'app:app', false, 'none'],
    ['10', '10', false, 'none'],
  ])('USER %j is %j, root %j (%s)', (input, user, userIsRoot, rootKind) => {
    expect(classifyUser(input)).toEqual({ user, userIsRoot, rootKind });
  });

  it('names secret-looking ENV variables, never their values', () => {
    const facts = configFacts({
      config: {
        Env: [
          'PATH=/usr/bin',
          'DB_PASSWORD=hunter2',
          'GITHUB_TOKEN=ghp_x',
          'AWS_SECRET_ACCESS_KEY=abc',
          'PASSWORD_FILE=/run/secrets/db',
          'GPG_KEY=0123',
          'EMPTY_SECRET=',
          'NODE_VERSION=20',
        ],
      },
    });
    expect(facts.secretEnvNames).toEqual([
      'DB_PASSWORD',
      'GITHUB_TOKEN',
      'AWS_SECRET_ACCESS_KEY',
    ]);
    expect(JSON.stringify(facts)).not.toContain('hunter2');
  });

  it('reads the healthcheck unless it is disabled', () => {
    expect(
      configFacts({
        config: {
          Healthcheck: { Test: ['CMD', 'curl', '-f', 'http://localhost/'] },
        },
      }).healthcheck,
    ).toBe('curl -f http://localhost/');
    expect(
      configFacts({ config: { Healthcheck: { Test: ['NONE'] } } }).healthcheck,
    ).toBeUndefined();
  });

  it('reads a config whose fields have the wrong types (the image writes it) without throwing', () => {
    const hostile = {
      config: {
        User: 7,
        Env: [1, null, 'DB_PASSWORD=x', ['A=b']],
        Healthcheck: { Test: 'curl -f http://x' },
        Labels: ['a'],
        ExposedPorts: 'all',
      },
    } as any;
    expect(configFacts(hostile)).toEqual({
      user: '',
      userIsRoot: true,
      rootKind: 'implicit',
      exposedPorts: [],
      labels: {},
      secretEnvNames: ['DB_PASSWORD'],
      healthcheck: undefined,
    });
    expect(configFacts(null as any).rootKind).toBe('implicit');
  });
});
