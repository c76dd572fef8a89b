import { RegistryAuth, parseChallenge, refuseTokenRealm } from './auth';
import type { RegistryReference } from './reference';
import { RegistryTransport } from './transport';

const configured = new Set(['registry.example', 'auth.example', 'docker.io']);
const isConfigured = (host: string) => configured.has(host);

describe('refuseTokenRealm', () => {
  const https = { host: 'registry.example' };
  const http = { host: 'registry.example', insecure: true };
  it.each([
    [https, 'https://auth.example/token', undefined],
    [http, 'http://auth.example/token', undefined],
    [http, 'https://auth.example/token', undefined],
    [{ host: 'docker.io' }, 'https://auth.docker.io/token', undefined],
    [
      https,
      'http://auth.example/token',
      'registry registry.example is HTTPS but asks for tokens over plain http from auth.example; refused, so that credentials are never sent in clear text',
    ],
    [
      https,
      'http://registry.example/token',
      'registry registry.example is HTTPS but asks for tokens over plain http from registry.example; refused, so that credentials are never sent in clear text',
    ],
    [
      { host: 'docker.io' },
      'http://auth.docker.io/token',
      'registry docker.io is HTTPS but asks for tokens over plain http from auth.docker.io; refused, so that credentials are never sent in clear text',
    ],
    [
      https,
      'https://collector.example/token',
      'registry registry.example asks for tokens from collector.example, which is not configured: add collector.example to imageHealth.registries',
    ],
    [
      https,
      'ftp://auth.example/token',
      'registry registry.example asks for tokens over ftp:, which is not http(s); refused',
    ],
  ])('%o with realm %s', (registry, realm, refusal) => {
    expect(
      refuseTokenRealm(registry, new URL(realm), isConfigured)?.message,
    ).toBe(refusal);
  });
});

describe('RegistryAuth', () => {
  const ref = (host: string): RegistryReference => ({
    kind: 'registry',
    host,
    repository: 'acme/api',
    tag: '1',
  });

  it('sends no request at all for an http realm of an HTTPS registry', async () => {
    const transport = new RegistryTransport({
      registries: [
        {
          host: 'registry.example',
          auth: { username: 'ci', password: 'never-in-clear-text' },
        },
      ],
    });
    const auth = new RegistryAuth({
      transport,
      credentialsHint: host => `imageHealth.registries[${host}].auth`,
    });
    await expect(
      auth.answer(
        ref('registry.example'),
        'Bearer realm="http://registry.example/token",service="registry"',
      ),
    ).rejects.toThrow(
      'registry registry.example is HTTPS but asks for tokens over plain http from registry.example; refused, so that credentials are never sent in clear text',
    );
    expect(transport.stats.total).toBe(0);
    await transport.close();
  });

  it("refuses Docker Hub's token service when DNS points it at a private address", async () => {
    const resolved: string[] = [];
    const transport = new RegistryTransport({
      registries: [{ host: 'docker.io' }],
      resolveHost: async hostname => {
        resolved.push(hostname);
        return [{ address: '10.20.30.40', family: 4 }];
      },
    });
    const auth = new RegistryAuth({
      transport,
      credentialsHint: host => `imageHealth.registries[${host}].auth`,
    });
    const error: Error = await auth
      .answer(
        ref('docker.io'),
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io"',
      )
      .then(
        () => new Error('expected a refusal'),
        e => e,
      );
    expect(error.message).toBe(
      "registry docker.io asks for tokens from auth.docker.io: auth.docker.io resolves to a non-public address (private, RFC 1918): refused by Image Health's address policy (only hosts listed in imageHealth.registries may be on loopback, private, link-local or other non-public addresses)",
    );
    expect(resolved).toEqual(['auth.docker.io']);
    await transport.close();
  });
});

describe('parseChallenge', () => {
  it('reads quoted and bare parameters', () => {
    expect(
      parseChallenge(
        'Bearer realm="https://auth.example/token",service=registry,scope="repository:a/b:pull"',
      ),
    ).toEqual({
      scheme: 'bearer',
      params: {
        realm: 'https://auth.example/token',
        service: 'registry',
        scope: 'repository:a/b:pull',
      },
    });
  });
});
