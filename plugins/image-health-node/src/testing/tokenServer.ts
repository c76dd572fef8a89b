import { createSign, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { selfSignedCertificate } from './processes';

export interface TokenServer {
  /** `http://127.0.0.1:<port>/token` */
  realm: string;
  host: string;
  service: string;
  issuer: string;
  certPath: string;
  /** Token requests served, with the scope asked for. */
  requests: Array<{ scope: string; user?: string }>;
  stop(): Promise<void>;
}

function b64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

/**
 * A small Docker token service (distribution's token auth spec): Basic
 * credentials in, an RS256 JWT with an x5c chain out. The registry trusts the
 * self-signed certificate through rootcertbundle.
 */
export async function startTokenServer(options: {
  dir: string;
  users: Record<string, string>;
  /** Seconds a token lives (expires_in). */
  expiresIn?: number;
  /** Pull is granted without credentials too. */
  anonymousPull?: boolean;
}): Promise<TokenServer> {
  const { keyPath, certPath } = await selfSignedCertificate(
    options.dir,
    'token',
    { cn: 'image-health-test-token' },
  );
  const key = await readFile(keyPath, 'utf8');
  const certDer = Buffer.from(
    (await readFile(certPath, 'utf8'))
      .replace(/-----[^-]+-----/g, '')
      .replace(/\s+/g, ''),
    'base64',
  ).toString('base64');
  const service = 'image-health-test';
  const issuer = 'image-health-test-issuer';
  const requests: TokenServer['requests'] = [];
  const expiresIn = options.expiresIn ?? 300;

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const scope = url.searchParams.get('scope') ?? '';
    let user: string | undefined;
    const header = req.headers.authorization;
    if (header?.startsWith('Basic ')) {
      const [u, p] = Buffer.from(header.slice(6), 'base64')
        .toString()
        .split(':');
      if (options.users[u] !== p) {
        res.writeHead(401).end('{"errors":[{"code":"UNAUTHORIZED"}]}');
        return;
      }
      user = u;
    }
    requests.push({ scope, user });
    if (!user && !options.anonymousPull) {
      res.writeHead(401).end('{"errors":[{"code":"UNAUTHORIZED"}]}');
      return;
    }
    const access = url.searchParams
      .getAll('scope')
      .map(s => s.split(':'))
      .filter(parts => parts.length >= 3)
      .map(([type, name, actions]) => ({
        type,
        name,
        actions: user
          ? actions.split(',')
          : actions.split(',').filter(a => a === 'pull'),
      }));
    const now = Math.floor(Date.now() / 1000);
    const headerPart = b64url(
      JSON.stringify({ alg: 'RS256', typ: 'JWT', x5c: [certDer] }),
    );
    const claims = b64url(
      JSON.stringify({
        iss: issuer,
        sub: user ?? '',
        aud: service,
        exp: now + expiresIn,
        nbf: now - 10,
        iat: now,
        jti: randomUUID(),
        access,
      }),
    );
    const signature = createSign('RSA-SHA256')
      .update(`${headerPart}.${claims}`)
      .sign(key)
      .toString('base64url');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        token: `${headerPart}.${claims}.${signature}`,
        expires_in: expiresIn,
        issued_at: new Date().toISOString(),
      }),
    );
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    realm: `http://127.0.0.1:${port}/token`,
    host: `127.0.0.1:${port}`,
    service,
    issuer,
    certPath,
    requests,
    stop: () => new Promise(resolve => server.close(() => resolve())),
  };
}
