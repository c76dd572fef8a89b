import { createServer, type Socket } from 'node:net';

export interface Bystander {
  port: number;
  /** TCP connections accepted: any packet that reached the bystander. */
  connections(): number;
  stop(): Promise<void>;
}

/**
 * A TCP server on a loopback address that a hostile registry wants us to
 * reach (an internal service, a metadata endpoint). It counts every
 * connection, so a test can assert that nothing arrived, and answers like a
 * service with something to hide, so a leak would show in an error message.
 */
export async function startBystander(
  address: '127.0.0.1' | '::1' = '127.0.0.1',
): Promise<Bystander> {
  let connections = 0;
  const sockets = new Set<Socket>();
  const server = createServer(socket => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.end(
      'HTTP/1.1 403 Forbidden\r\ncontent-length: 23\r\nconnection: close\r\n\r\nbystander-internal-body',
    );
  });
  await new Promise<void>(resolve => server.listen(0, address, resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    connections: () => connections,
    stop: () =>
      new Promise(resolve => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
