import { readFile } from 'node:fs/promises';
import { createServer } from 'node:https';
import type { Handler, RecordedRequest } from './httpServer';
import { selfSignedCertificate } from './processes';

export interface TlsLoopbackServer {
  /** `127.0.0.1:<port>`, served over HTTPS. */
  host: string;
  /** The self-signed certificate, for NODE_EXTRA_CA_CERTS of a child process. */
  certPath: string;
  requests: RecordedRequest[];
  /** Routes by `METHOD /path`; anything else gets `fallback`. */
  route(key: string, handler: Handler): void;
  stop(): Promise<void>;
}

/**
 * An HTTPS server on 127.0.0.1 with a self-signed certificate for that
 * address (made with openssl in `dir`): the far side of a registry that is
 * reached over TLS, for behaviour that depends on the registry being HTTPS.
 */
export async function startTlsLoopbackServer(
  dir: string,
  fallback: Handler,
): Promise<TlsLoopbackServer> {
  const { keyPath, certPath } = await selfSignedCertificate(dir, 'tls', {
    cn: '127.0.0.1',
    ip: '127.0.0.1',
  });
  const routes = new Map<string, Handler>();
  const requests: RecordedRequest[] = [];
  const server = createServer(
    { key: await readFile(keyPath), cert: await readFile(certPath) },
    (req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      requests.push({
        method: req.method ?? 'GET',
        path,
        authorization: req.headers.authorization,
      });
      (routes.get(`${req.method} ${path}`) ?? fallback)(req, res);
    },
  );
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    host: `127.0.0.1:${port}`,
    certPath,
    requests,
    route: (key, handler) => routes.set(key, handler),
    stop: () =>
      new Promise(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
