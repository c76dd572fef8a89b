import { apiHost, formatReference, parseReference } from './reference';

describe('parseReference', () => {
  it('follows Docker Hub conventions', () => {
    expect(parseReference('nginx')).toEqual({
      kind: 'registry',
      host: 'docker.io',
      repository: 'library/nginx',
      tag: 'latest',
      digest: undefined,
    });
    expect(parseReference('index.docker.io/acme/api:1')).toMatchObject({
      host: 'docker.io',
      repository: 'acme/api',
      tag: '1',
    });
    expect(apiHost('docker.io')).toBe('registry-1.docker.io');
  });

  it('reads hosts with ports, tags and digests', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(parseReference(`localhost:5000/acme/api:1.2@${digest}`)).toEqual({
      kind: 'registry',
      host: 'localhost:5000',
      repository: 'acme/api',
      tag: '1.2',
      digest,
    });
    expect(formatReference(parseReference('ghcr.io/acme/api') as any)).toBe(
      'ghcr.io/acme/api:latest',
    );
  });

  it('reads skopeo transports for local sources', () => {
    expect(parseReference('oci:/tmp/layout:v1')).toEqual({
      kind: 'oci',
      path: '/tmp/layout',
      tag: 'v1',
    });
    expect(parseReference('oci:/tmp/layout')).toEqual({
      kind: 'oci',
      path: '/tmp/layout',
    });
    expect(parseReference('docker-archive:/tmp/x.tar')).toEqual({
      kind: 'docker-archive',
      path: '/tmp/x.tar',
    });
  });

  it.each([
    ['', /empty/],
    ['Acme/API', /repository path component/],
    ['ghcr.io/acme/api:bad tag', /whitespace/],
    ['ghcr.io/acme/api@sha256:short', /not a digest/],
    ['ghcr.io/acme/api:-x', /not a tag/],
  ])('rejects %j', (ref, reason) => {
    expect(() => parseReference(ref)).toThrow(reason);
  });
});
