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

  it('takes absolute URLs as they are', () => {
    const target = targetFromEntity(
      entity({
        'image-health/dockerfile':
          'https://git.example.com/acme/api/raw/Dockerfile',
      }),
    );
    expect(target?.dockerfiles[0]).toEqual({
      location: 'https://git.example.com/acme/api/raw/Dockerfile',
      url: 'https://git.example.com/acme/api/raw/Dockerfile',
    });
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
});
