import { refusalOf, repositoryRoot } from './dockerfileLocation';

describe('repositoryRoot', () => {
  it.each([
    [
      'https://github.com/acme/api/tree/main/services/api/',
      'https://github.com/acme/api/',
    ],
    [
      'https://github.com/acme/api/blob/main/catalog-info.yaml',
      'https://github.com/acme/api/',
    ],
    [
      'https://ghe.acme.internal/team/api/tree/release/1.x',
      'https://ghe.acme.internal/team/api/',
    ],
    [
      'https://gitlab.com/acme/platform/api/-/tree/main/',
      'https://gitlab.com/acme/platform/api/',
    ],
    [
      'https://bitbucket.org/acme/api/src/main/',
      'https://bitbucket.org/acme/api/',
    ],
    [
      'https://git.acme.internal/projects/PLAT/repos/api/browse/docker',
      'https://git.acme.internal/projects/PLAT/repos/api/',
    ],
    [
      'https://dev.azure.com/acme/platform/_git/api?path=/Dockerfile',
      'https://dev.azure.com/acme/platform/_git/api/',
    ],
    [
      'https://raw.githubusercontent.com/acme/api/main/Dockerfile',
      'https://raw.githubusercontent.com/acme/api/',
    ],
    // Unknown shapes: the source location's own directory is the boundary.
    [
      'http://localhost:7007/api/examples/node-naive/',
      'http://localhost:7007/api/examples/node-naive/',
    ],
    [
      'https://files.acme.internal/svc/catalog-info.yaml',
      'https://files.acme.internal/svc/',
    ],
  ])('%s → %s', (source, root) => {
    expect(repositoryRoot(source)).toBe(root);
  });
});

describe('refusalOf', () => {
  const source = 'https://github.com/acme/api/tree/main/services/api/';

  it.each([
    'https://github.com/acme/api/blob/main/services/api/Dockerfile',
    // The same repository, another directory or branch.
    'https://github.com/acme/api/blob/main/docker/base.Dockerfile',
    'https://github.com/acme/api/blob/release/Dockerfile',
  ])('reads %s', target => {
    expect(refusalOf(target, source)).toBeUndefined();
  });

  it.each([
    // The issue's attack: another organisation's private repository.
    [
      'https://github.com/other-org/private-repo/blob/main/config/secrets.env',
      /outside the entity's repository \(https:\/\/github\.com\/acme\/api\/\)/,
    ],
    // `..` resolved before the check.
    [
      new URL(
        '../../../../../other-org/private/blob/main/x',
        source,
      ).toString(),
      /outside/,
    ],
    ['https://github.com/acme/api-secrets/blob/main/Dockerfile', /outside/],
    ['https://gitlab.com/acme/api/-/blob/main/Dockerfile', /outside/],
    [
      'https://github.com/acme/api/blob/main/%2e%2e%2fother/Dockerfile',
      /encoded slashes/,
    ],
    [
      'https://github.com/acme/api/blob/main/..%2F..%2Fother/Dockerfile',
      /encoded slashes/,
    ],
    [
      'https://user:token@github.com/acme/api/blob/main/Dockerfile',
      /credentials/,
    ],
  ])('refuses %s', (target, reason) => {
    expect(refusalOf(target, source)).toMatch(reason);
  });

  it('needs a source location to bound an absolute URL', () => {
    expect(
      refusalOf('https://github.com/acme/api/blob/main/Dockerfile', undefined),
    ).toMatch(/no source location/);
  });

  it('reads what the operator allows: a directory prefix, or one exact file', () => {
    const allowed = [
      'https://github.com/acme/docker-templates/',
      'https://files.acme.internal/base/Dockerfile',
    ];
    expect(
      refusalOf(
        'https://github.com/acme/docker-templates/blob/main/node.Dockerfile',
        source,
        allowed,
      ),
    ).toBeUndefined();
    expect(
      refusalOf(
        'https://files.acme.internal/base/Dockerfile',
        undefined,
        allowed,
      ),
    ).toBeUndefined();
    expect(
      refusalOf(
        'https://github.com/acme/docker-templates-private/blob/main/x',
        source,
        allowed,
      ),
    ).toMatch(/outside/);
    expect(
      refusalOf(
        'https://files.acme.internal/base/Dockerfile.secret',
        source,
        allowed,
      ),
    ).toMatch(/outside/);
  });
});
