import type { LookupAddress } from 'node:dns';
import { RegistryClient, RegistryError } from '.';
import { systemResolver } from './addressPolicy';
import { RegistryTransport } from './transport';
import { startBystander, type Bystander } from '../testing/bystander';
import {
  serve,
  startLoopbackServer,
  type LoopbackServer,
} from '../testing/httpServer';
import { freePort } from '../testing/processes';
import type { RegistryReference } from './reference';

/**
 * The redirect and address policy, end to end: a hostile registry on loopback
 * (configured, so it is trusted for its own host) answers blob requests with
 * redirects to places the backend must never fetch from. Traffic only ever
 * goes to loopback; private and ULA targets are reached through literal
 * addresses or a DNS stub, and refused before any connection is made.
 */

const DIGEST = `sha256:${'a'.repeat(64)}`;
const POLICY = /refused by Image Health's address policy/;

let hostile: LoopbackServer;
let storage: LoopbackServer;
let bystander: Bystander;
let bystander6: Bystander;
let closedPort: number;
/** What the DNS stub answers: every name a test resolves is listed here. */
const dns = new Map<string, LookupAddress[]>();
const resolved: string[] = [];

beforeAll(async () => {
  [hostile, storage, bystander, bystander6, closedPort] = await Promise.all([
    startLoopbackServer(),
    startLoopbackServer(),
    startBystander('127.0.0.1'),
    startBystander('::1'),
    freePort(),
  ]);
  storage.route('GET /blob', serve('blob-bytes'));
  storage.route('GET /forbidden', serve('storage-internal-body', {}, 403));
});

afterAll(async () => {
  await Promise.all(
    [hostile, storage, bystander, bystander6].map(s => s?.stop()),
  );
});

function client(): RegistryClient {
  return new RegistryClient({
    registries: [
      { host: hostile.host, insecure: true, auth: { token: 'registry-token' } },
      { host: storage.host, insecure: true },
    ],
    maxRetries: 0,
    timeoutMs: 5_000,
    resolveHost: async hostname => {
      resolved.push(hostname);
      if (hostname === 'localhost') return systemResolver(hostname);
      const answer = dns.get(hostname);
      if (!answer) {
        throw Object.assign(new Error(`no such host ${hostname}`), {
          code: 'ENOTFOUND',
        });
      }
      return answer;
    },
  });
}

/** The hostile registry answers one blob request with a redirect to `location`. */
function redirecting(location: string): RegistryReference {
  const repository = `acme/r${Math.random().toString(36).slice(2, 10)}`;
  hostile.route(`GET /v2/${repository}/blobs/${DIGEST}`, (_req, res) => {
    res.writeHead(307, { location }).end();
  });
  return { kind: 'registry', host: hostile.host, repository, tag: '1' };
}

async function refusal(location: string): Promise<RegistryError> {
  const c = client();
  try {
    await c.openBlob(redirecting(location), DIGEST);
  } catch (error) {
    expect(error).toBeInstanceOf(RegistryError);
    return error as RegistryError;
  } finally {
    await c.close();
  }
  throw new Error(`the redirect to ${location} was followed`);
}

async function read(body: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

describe('blob redirects to addresses a registry must not make us reach', () => {
  const port = () => bystander.port;
  it.each([
    [
      '127.0.0.1 on another port',
      () => `http://127.0.0.1:${port()}/x`,
      '127.0.0.1 is a non-public address (loopback)',
    ],
    [
      'localhost',
      () => `http://localhost:${port()}/x`,
      'localhost resolves to a non-public address (loopback)',
    ],
    [
      '0.0.0.0 (this host, on Linux)',
      () => `http://0.0.0.0:${port()}/x`,
      '0.0.0.0 is a non-public address (unspecified)',
    ],
    [
      '127.0.0.1 written as 0x7f.1',
      () => `http://0x7f.1:${port()}/x`,
      '127.0.0.1 is a non-public address (loopback)',
    ],
    [
      '127.0.0.1 written as a number',
      () => `http://2130706433:${port()}/x`,
      '127.0.0.1 is a non-public address (loopback)',
    ],
    [
      '[::ffff:7f00:1]',
      () => `http://[::ffff:7f00:1]:${port()}/x`,
      '[::ffff:7f00:1] is a non-public address (IPv4-mapped IPv6)',
    ],
    [
      '[::1]',
      () => `http://[::1]:${bystander6.port}/x`,
      '[::1] is a non-public address (loopback)',
    ],
  ])('refuses %s before connecting', async (_name, location, message) => {
    const before = bystander.connections() + bystander6.connections();
    const error = await refusal(location());
    expect(error.kind).toBe('redirect');
    expect(error.message).toContain(message);
    expect(error.message).toMatch(POLICY);
    expect(bystander.connections() + bystander6.connections()).toBe(before);
  });

  it.each([
    [
      'http://10.1.2.3/x',
      '10.1.2.3 is a non-public address (private, RFC 1918)',
    ],
    [
      'http://172.16.9.9/x',
      '172.16.9.9 is a non-public address (private, RFC 1918)',
    ],
    [
      'http://192.168.1.1/x',
      '192.168.1.1 is a non-public address (private, RFC 1918)',
    ],
    [
      'http://100.64.0.1/x',
      '100.64.0.1 is a non-public address (carrier-grade NAT, 100.64.0.0/10)',
    ],
    [
      'http://169.254.169.254/latest/meta-data/',
      '169.254.169.254 is a non-public address (link-local)',
    ],
    [
      'http://[::ffff:169.254.169.254]/latest/meta-data/',
      '[::ffff:a9fe:a9fe] is a non-public address (IPv4-mapped IPv6)',
    ],
    [
      'http://[::a9fe:a9fe]/latest/meta-data/',
      '[::a9fe:a9fe] is a non-public address (IPv4-compatible IPv6)',
    ],
    ['http://[fe80::1]/x', '[fe80::1] is a non-public address (link-local)'],
    [
      'http://[fd00:ec2::254]/x',
      '[fd00:ec2::254] is a non-public address (unique local, fc00::/7)',
    ],
    ['http://224.0.0.251/x', '224.0.0.251 is a non-public address (multicast)'],
  ])('refuses %s by its literal address', async (location, message) => {
    const error = await refusal(location);
    expect(error.kind).toBe('redirect');
    expect(error.message).toContain(message);
    expect(error.message).toMatch(POLICY);
  });

  it.each([
    [
      'metadata.internal.test',
      [{ address: '169.254.169.254', family: 4 }],
      /link-local/,
    ],
    [
      'db.internal.test',
      [{ address: '10.0.0.5', family: 4 }],
      /private, RFC 1918/,
    ],
    [
      'ula.internal.test',
      [{ address: 'fd12:3456::1', family: 6 }],
      /unique local/,
    ],
    [
      'mapped.internal.test',
      [{ address: '::ffff:10.0.0.5', family: 6 }],
      /IPv4-mapped/,
    ],
    // one public answer does not launder a private one beside it
    [
      'rebind.test',
      [
        { address: '93.184.216.34', family: 4 },
        { address: '127.0.0.2', family: 4 },
      ],
      /loopback/,
    ],
  ])(
    'refuses a name that resolves to a non-public address: %s',
    async (name, answer, kind) => {
      dns.set(name, answer);
      resolved.length = 0;
      const before = bystander.connections();
      const error = await refusal(`http://${name}:${bystander.port}/blob`);
      expect(error.message).toContain(
        `${name} resolves to a non-public address`,
      );
      expect(error.message).toMatch(kind);
      expect(error.message).toMatch(POLICY);
      // the resolved address is not reported: the report would map internal names
      for (const { address } of answer)
        expect(error.message).not.toContain(address);
      expect(resolved).toEqual([name]);
      expect(bystander.connections()).toBe(before);
    },
  );

  it('checks every hop: a configured host that redirects onward to loopback is refused', async () => {
    storage.route('GET /onward', (_req, res) => {
      res
        .writeHead(302, { location: `http://127.0.0.1:${bystander.port}/` })
        .end();
    });
    const before = bystander.connections();
    const error = await refusal(`http://${storage.host}/onward`);
    expect(error.message).toContain(
      '127.0.0.1 is a non-public address (loopback)',
    );
    expect(bystander.connections()).toBe(before);
  });

  it('refuses a file: redirect', async () => {
    expect((await refusal('file:///etc/passwd')).message).toMatch(
      /with a redirect to a file: URL; refused$/,
    );
  });
});

describe('what a refused or failed redirect reports', () => {
  it('does not tell an open port from a closed one (no port-scanner oracle)', async () => {
    const open = await refusal(`http://127.0.0.1:${bystander.port}/`);
    const closed = await refusal(`http://127.0.0.1:${closedPort}/`);
    const shape = (error: RegistryError, port: number) =>
      error.message
        .replace(String(port), 'PORT')
        .replace(error.repository!, 'REPOSITORY');
    expect(shape(open, bystander.port)).toBe(shape(closed, closedPort));
  });

  it("never repeats a redirect target's status or body", async () => {
    const error = await refusal(`http://${storage.host}/forbidden`);
    expect(error.message).toBe(
      `registry ${hostile.host} answered a blob request for ${error.repository} with a redirect to ${storage.host}; the target did not deliver the blob (what a redirect target answers is not reported)`,
    );
    // Without the hosts and the random repository, whose digits may contain 403.
    const rest = [storage.host, hostile.host, error.repository!].reduce(
      (text, part) => text.split(part).join(''),
      error.message,
    );
    expect(rest).not.toMatch(/403|storage-internal-body/);
    expect(error.status).toBeUndefined();
  });
});

describe('hosts the operator configured', () => {
  it('fetches from a registry on loopback, and follows its redirects to its own host and to other configured hosts', async () => {
    hostile.route('GET /own/blob', serve('own-bytes'));
    const c = client();
    const own = await c.openBlob(redirecting(`/own/blob`), DIGEST);
    expect(await read(own)).toBe('own-bytes');
    const configured = await c.openBlob(
      redirecting(`http://${storage.host}/blob`),
      DIGEST,
    );
    expect(await read(configured)).toBe('blob-bytes');
    expect(c.stats.byKind).toEqual({ blob: 2, redirect: 2 });
    await c.close();
  });

  it('knows a configured host however a URL spells it, and only that host and port', async () => {
    const transport = new RegistryTransport({
      registries: [
        { host: 'localhost:80', insecure: true },
        { host: 'Registry.Example:443' },
        { host: 'docker.io' },
      ],
    });
    expect(transport.isConfigured('localhost')).toBe(true);
    expect(transport.isConfigured('registry.example')).toBe(true);
    expect(transport.isConfigured('registry-1.docker.io')).toBe(true);
    expect(transport.isConfigured('localhost:8080')).toBe(false);
    expect(transport.isConfigured('registry.example:8443')).toBe(false);
    await transport.close();
  });
});
