import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import { targetFromEntity } from './targets';

function entity(
  annotations: Record<string, string>,
  spec: JsonObject = { owner: 'team-a', system: 'shop' },
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'api', namespace: 'default', annotations },
    spec,
  };
}

describe('targetFromEntity', () => {
  it('resolves relative Dockerfiles against the source location', () => {
    const target = targetFromEntity(
      entity({
        'backstage.io/source-location':
          'url:https://github.com/acme/api/tree/main',
        'image-health/dockerfile': 'Dockerfile, docker/worker.Dockerfile',
      }),
    );
    expect(target?.dockerfiles).toEqual([
      {
        location: 'Dockerfile',
        url: 'https://github.com/acme/api/tree/main/Dockerfile',
      },
      {
        location: 'docker/worker.Dockerfile',
        url: 'https://github.com/acme/api/tree/main/docker/worker.Dockerfile',
      },
    ]);
    expect(target?.defaultDockerfile).toBe(false);
  });

  it('resolves a leading slash against the source root, not the host', () => {
    const target = targetFromEntity(
      entity({
        'backstage.io/source-location': 'url:https://git.example.com/acme/api/',
        'image-health/dockerfile': '/build/Dockerfile',
      }),
    );
    expect(target?.dockerfiles[0].url).toBe(
      'https://git.example.com/acme/api/build/Dockerfile',
    );
  });

  it('falls back to the directory of a url catalog location', () => {
    const target = targetFromEntity(
      entity({
        'backstage.io/managed-by-location':
          'url:https://github.com/acme/api/blob/main/catalog-info.yaml',
        'image-health/dockerfile': 'Dockerfile',
      }),
    );
    expect(target?.dockerfiles[0].url).toBe(
      'https://github.com/acme/api/blob/main/Dockerfile',
    );
  });

  it("takes absolute URLs inside the entity's repository as they are", () => {
    const target = targetFromEntity(
      entity({
        'backstage.io/source-location':
          'url:https://git.example.com/acme/api/tree/main/',
        'image-health/dockerfile':
          'https://git.example.com/acme/api/raw/main/Dockerfile',
      }),
    );
    expect(target?.dockerfiles[0]).toEqual({
      location: 'https://git.example.com/acme/api/raw/main/Dockerfile',
      url: 'https://git.example.com/acme/api/raw/main/Dockerfile',
    });
  });

  it('refuses a file of another repository unless the operator allows it', () => {
    const annotated = entity({
      'backstage.io/source-location':
        'url:https://github.com/acme/api/tree/main/',
      'image-health/dockerfile':
        'https://github.com/other-org/private-repo/blob/main/config/secrets.env, ../../../../shared/blob/main/Dockerfile',
    });
    const [other, relative] = targetFromEntity(annotated)!.dockerfiles;
    expect(other.url).toBeUndefined();
    expect(other.error).toMatch(
      /secrets\.env is not read: it is outside the entity's repository \(https:\/\/github\.com\/acme\/api\/\)/,
    );
    expect(relative.url).toBeUndefined();
    expect(relative.error).toMatch(/outside the entity's repository/);
    const allowed = targetFromEntity(annotated, {
      allowedLocations: ['https://github.com/other-org/private-repo/'],
    })!.dockerfiles[0];
    expect(allowed.url).toBe(
      'https://github.com/other-org/private-repo/blob/main/config/secrets.env',
    );
  });

  it('refuses local files with a reason that says to use a url location', () => {
    const fromFile = targetFromEntity(
      entity({
        'backstage.io/managed-by-location':
          'file:/srv/catalog/catalog-info.yaml',
        'image-health/dockerfile': 'Dockerfile',
      }),
    );
    expect(fromFile?.dockerfiles[0].url).toBeUndefined();
    expect(fromFile?.dockerfiles[0].error).toMatch(
      /register it from a url location/,
    );

    const fileUrl = targetFromEntity(
      entity({ 'image-health/dockerfile': 'file:///etc/passwd' }),
    );
    expect(fileUrl?.dockerfiles[0].url).toBeUndefined();
    expect(fileUrl?.dockerfiles[0].error).toMatch(/never reads local files/);

    const fileSource = targetFromEntity(
      entity({
        'backstage.io/source-location': 'file:/srv/api/',
        'image-health/dockerfile': 'Dockerfile',
      }),
    );
    expect(fileSource?.dockerfiles[0].error).toMatch(/use a url location/);
  });

  it('tries the root Dockerfile of a source location when nothing is annotated', () => {
    const target = targetFromEntity(
      entity({
        'backstage.io/source-location': 'url:https://git.example.com/acme/api/',
      }),
    );
    expect(target).toMatchObject({
      defaultDockerfile: true,
      dockerfiles: [
        {
          location: 'Dockerfile',
          url: 'https://git.example.com/acme/api/Dockerfile',
        },
      ],
      images: [],
    });
    expect(targetFromEntity(entity({}))).toBeUndefined();

    const withImage = targetFromEntity(
      entity({
        'backstage.io/source-location': 'url:https://git.example.com/acme/api/',
        'image-health/image': 'ghcr.io/acme/api:1',
      }),
    );
    expect(withImage).toMatchObject({
      defaultDockerfile: true,
      dockerfiles: [{ location: 'Dockerfile' }],
      images: ['ghcr.io/acme/api:1'],
    });
  });

  it('looks for a root Dockerfile only in components, as the frontend shows the tab', () => {
    const api = {
      ...entity({
        'backstage.io/source-location': 'url:https://git.example.com/acme/api/',
      }),
      kind: 'API',
    };
    expect(targetFromEntity(api)).toBeUndefined();
  });

  it('reads images, ignores and the scorecard fields as full refs', () => {
    const target = targetFromEntity(
      entity({
        'image-health/image':
          'ghcr.io/acme/api:1.4.2, ghcr.io/acme/worker@sha256:abc',
        'image-health/ignore': 'DL3008, IMG001',
      }),
    );
    expect(target).toMatchObject({
      entityRef: 'component:default/api',
      title: 'api',
      owner: 'group:default/team-a',
      system: 'system:default/shop',
      dockerfiles: [],
      images: ['ghcr.io/acme/api:1.4.2', 'ghcr.io/acme/worker@sha256:abc'],
      ignore: ['DL3008', 'IMG001'],
    });
  });

  it.each([
    ['250MB', { sizeBudget: 250 * 1024 * 1024 }],
    [' 1.5 GB ', { sizeBudget: 1.5 * 1024 ** 3 }],
    [
      '0MB',
      {
        sizeBudgetError:
          'image-health/size-budget must be a size such as 250MB (above zero, at most 1TB); the language budget applies',
      },
    ],
    [
      '2048GB',
      {
        sizeBudgetError:
          'image-health/size-budget must be a size such as 250MB (above zero, at most 1TB); the language budget applies',
      },
    ],
    [
      `${'9'.repeat(40)}MB`,
      {
        sizeBudgetError:
          'image-health/size-budget must be a size such as 250MB (above zero, at most 1TB); the language budget applies',
      },
    ],
    [
      'huge',
      {
        sizeBudgetError:
          'image-health/size-budget "huge" is not a size (write e.g. 250MB); the language budget applies',
      },
    ],
  ])('reads image-health/size-budget %j within bounds', (value, expected) => {
    const target = targetFromEntity(
      entity({
        'backstage.io/source-location': 'url:https://github.com/acme/api/',
        'image-health/size-budget': value,
      }),
    );
    expect({
      sizeBudget: target?.sizeBudget,
      sizeBudgetError: target?.sizeBudgetError,
    }).toEqual({
      sizeBudget: undefined,
      sizeBudgetError: undefined,
      ...expected,
    });
  });
});
