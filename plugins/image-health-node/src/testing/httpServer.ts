import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface RecordedRequest {
  method: string;
  path: string;
  authorization?: string;
}

export interface LoopbackServer {
  host: string;
  requests: RecordedRequest[];
  /** TCP connections accepted so far (keep-alive reuses them). */
  connections(): number;
  /** Routes by `METHOD /path`; HEAD falls back to the GET handler. */
  route(key: string, handler: Handler): void;
  stop(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 for the registry behaviours distribution
 * will not produce on demand (truncated blobs, wrong digests, 429s,
 * redirects). It is the far side of the wire, not a stand-in for our client.
 */
export async function startLoopbackServer(): Promise<LoopbackServer> {
  const routes = new Map<string, Handler>();
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    requests.push({
      method: req.method ?? 'GET',
      path,
      authorization: req.headers.authorization,
    });
    const handler =
      routes.get(`${req.method} ${path}`) ??
      (req.method === 'HEAD' ? routes.get(`GET ${path}`) : undefined);
    if (!handler) {
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end('{"errors":[{"code":"NOT_FOUND"}]}');
      return;
    }
    handler(req, res);
  });
  server.keepAliveTimeout = 5000;
  let connections = 0;
  server.on('connection', () => connections++);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    host: `127.0.0.1:${port}`,
    requests,
    connections: () => connections,
    route: (key, handler) => routes.set(key, handler),
    stop: () =>
      new Promise(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Serves bytes with a content type (and the digest header registries send). */
export function serve(
  body: Buffer | string,
  headers: Record<string, string> = {},
  status = 200,
): Handler {
  return (req, res) => {
    const bytes = Buffer.from(body);
    res.writeHead(status, {
      'content-length': String(bytes.length),
      ...headers,
    });
    res.end(req.method === 'HEAD' ? undefined : bytes);
  };
}
