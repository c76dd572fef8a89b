import { createHash } from 'crypto';
import http from 'http';
import { AddressInfo } from 'net';
import { Minimatch } from 'minimatch';

/**
 * A real HTTP server on 127.0.0.1 serving Dockerfiles the way a Git host
 * does: with ETags and conditional requests. Tests change files and make
 * paths fail to see what a user would.
 *
 * A path with a glob (`*`, `?` or `{`) is a search, answered
 * as a Git host's tree listing is: every matching file below the directory
 * before the first glob segment, as JSON, under an ETag that changes with any
 * file of the server (its "commit").
 */
export class DockerfileServer {
  private readonly files = new Map<string, string>();
  private readonly failing = new Map<string, number>();
  readonly notModifiedAnswers: string[] = [];
  readonly requests: string[] = [];
  private server?: http.Server;

  set(path: string, content: string): void {
    this.files.set(path, content);
  }

  delete(path: string): void {
    this.files.delete(path);
  }

  /** Answers `status` for `path` until `heal`. */
  fail(path: string, status = 500): void {
    this.failing.set(path, status);
  }

  heal(path: string): void {
    this.failing.delete(path);
  }

  get host(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `127.0.0.1:${port}`;
  }

  url(path: string): string {
    return `http://${this.host}${path}`;
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const path = req.url ?? '/';
      this.requests.push(path);
      const failure = this.failing.get(path);
      if (failure) {
        res.writeHead(failure).end('the source host is having a bad day');
        return;
      }
      const decoded = decodeURIComponent(path);
      if (/[*?{]/.test(decoded)) {
        this.search(decoded, req, res);
        return;
      }
      const content = this.files.get(path);
      if (content === undefined) {
        res.writeHead(404).end('not found');
        return;
      }
      const etag = `"${createHash('sha1').update(content).digest('hex')}"`;
      if (req.headers['if-none-match'] === etag) {
        this.notModifiedAnswers.push(path);
        res.writeHead(304, { etag }).end();
        return;
      }
      res.writeHead(200, { etag, 'content-type': 'text/plain' }).end(content);
    });
    await new Promise<void>(resolve =>
      this.server!.listen(0, '127.0.0.1', resolve),
    );
  }

  private search(
    path: string,
    req: http.IncomingMessage,
    res: http.ServerResponse,
  ): void {
    const segments = path.split('/');
    const firstGlob = segments.findIndex(segment => /[*?{]/.test(segment));
    const base = `${segments.slice(0, firstGlob).join('/')}/`;
    const matcher = new Minimatch(segments.slice(firstGlob).join('/'));
    const all = [...this.files.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
    const etag = `"${createHash('sha1')
      .update(JSON.stringify(all))
      .digest('hex')}"`;
    if (req.headers['if-none-match'] === etag) {
      this.notModifiedAnswers.push(path);
      res.writeHead(304, { etag }).end();
      return;
    }
    const files = all
      .filter(
        ([file]) =>
          file.startsWith(base) && matcher.match(file.slice(base.length)),
      )
      .map(([file, content]) => ({ path: file, content }));
    res
      .writeHead(200, { etag, 'content-type': 'application/json' })
      .end(JSON.stringify({ files }));
  }

  async stop(): Promise<void> {
    await new Promise(resolve => this.server?.close(resolve));
  }
}
