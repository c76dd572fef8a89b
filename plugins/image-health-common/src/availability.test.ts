import { imageHealthScanPlan, isImageHealthAvailable } from './availability';

function component(annotations: Record<string, string>, kind = 'Component') {
  return { kind, metadata: { name: 'api', annotations } };
}

const SOURCE = {
  'backstage.io/source-location': 'url:https://git.example.com/acme/api/',
};

describe('imageHealthScanPlan', () => {
  it('scans the Dockerfiles and images the annotations name', () => {
    expect(
      imageHealthScanPlan(
        component({
          ...SOURCE,
          'image-health/dockerfile': 'Dockerfile, docker/worker.Dockerfile',
          'image-health/image': ' ghcr.io/acme/api:1 ,',
        }),
      ),
    ).toEqual({
      dockerfiles: ['Dockerfile', 'docker/worker.Dockerfile'],
      defaultDockerfile: false,
      images: ['ghcr.io/acme/api:1'],
    });
  });

  it('scans the root Dockerfile of a component that only has a source location', () => {
    const entity = component(SOURCE);
    expect(imageHealthScanPlan(entity)).toEqual({
      dockerfiles: ['Dockerfile'],
      defaultDockerfile: true,
      images: [],
    });
    expect(isImageHealthAvailable(entity)).toBe(true);
  });

  it('adds the root Dockerfile to an image when no Dockerfile is named', () => {
    expect(
      imageHealthScanPlan(
        component({ ...SOURCE, 'image-health/image': 'ghcr.io/acme/api:1' }),
      ),
    ).toEqual({
      dockerfiles: ['Dockerfile'],
      defaultDockerfile: true,
      images: ['ghcr.io/acme/api:1'],
    });
  });

  it('scans nothing without annotations or a source location, or for blank values', () => {
    expect(isImageHealthAvailable(component({}))).toBe(false);
    expect(
      isImageHealthAvailable(
        component({
          'image-health/dockerfile': ' , ',
          'image-health/image': '',
        }),
      ),
    ).toBe(false);
    expect(isImageHealthAvailable({ kind: 'Component', metadata: {} })).toBe(
      false,
    );
  });

  it('looks for a root Dockerfile only in components', () => {
    expect(isImageHealthAvailable(component(SOURCE, 'API'))).toBe(false);
    expect(isImageHealthAvailable(component(SOURCE, 'component'))).toBe(true);
    // Annotations opt any kind in.
    expect(
      isImageHealthAvailable(
        component({ 'image-health/image': 'ghcr.io/acme/site:1' }, 'Resource'),
      ),
    ).toBe(true);
  });
});
