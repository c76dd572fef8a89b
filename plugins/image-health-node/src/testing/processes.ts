import { join } from 'node:path';
import { spawn, type ChildProcess, execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { promisify } from 'node:util';

export const exec = promisify(execFile);

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Runs a command; the error carries its stderr so a failing fixture says why. */
export async function run(
  cmd: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<string> {
  try {
    const { stdout } = await exec(cmd, args, {
      ...options,
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(
      `${cmd} ${args.join(' ')} failed: ${e.stderr || e.message}`,
    );
  }
}

/** Starts a long-running process and waits until `ready` resolves; stop() ends it by pid. */
export async function startProcess(
  cmd: string,
  args: string[],
  ready: () => Promise<boolean>,
  timeoutMs = 15_000,
): Promise<{
  child: ChildProcess;
  stop: () => Promise<void>;
  output: () => string;
}> {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', d => (output += d));
  child.stderr!.on('data', d => (output += d));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`${cmd} exited early: ${output}`);
    if (await ready().catch(() => false)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(
        `${cmd} did not become ready in ${timeoutMs} ms: ${output}`,
      );
    }
    await new Promise(r => setTimeout(r, 100));
  }
  return {
    child,
    output: () => output,
    stop: () =>
      new Promise<void>(resolve => {
        if (child.exitCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}

/** A throwaway self-signed certificate and key (2 days) written to `<dir>/<name>.crt` and `.key`. */
export async function selfSignedCertificate(
  dir: string,
  name: string,
  subject: { cn: string; ip?: string },
): Promise<{ keyPath: string; certPath: string }> {
  const keyPath = join(dir, `${name}.key`);
  const certPath = join(dir, `${name}.crt`);
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    keyPath,
    '-out',
    certPath,
    '-days',
    '2',
    '-subj',
    `/CN=${subject.cn}`,
    ...(subject.ip ? ['-addext', `subjectAltName=IP:${subject.ip}`] : []),
  ]);
  return { keyPath, certPath };
}
