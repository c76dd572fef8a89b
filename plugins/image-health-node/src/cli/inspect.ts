import { parseArgs } from 'node:util';
import type { ImageResult } from '@image-health/plugin-image-health-common';
import { ImageInspector } from '../image/inspector';
import { loadDockerConfigCredentials } from '../registry/dockerConfig';
import { RegistryError } from '../registry/errors';
import {
  canonicalHost,
  InvalidReferenceError,
  parseReference,
} from '../registry/reference';
import type { RegistryConfig } from '../registry/types';

const USAGE =
  'usage: image-health inspect <image-ref> [--deep] [--platform os/arch] [--format text|json] [--insecure-registry host]…';

function humanBytes(bytes: number | undefined): string {
  if (bytes === undefined) return '?';
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}

/** The ImageResult as a developer reads it in a terminal. */
export function formatInspectText(result: ImageResult): string {
  const lines: string[] = [];
  lines.push(`${result.ref}`);
  lines.push(`  digest:     ${result.digest}`);
  lines.push(
    `  platform:   ${result.platform}${
      result.platforms.length > 1
        ? ` (also: ${result.platforms
            .filter(p => p !== result.platform)
            .join(', ')})`
        : ''
    }`,
  );
  const fsLayers = result.layers.filter(l => !l.emptyLayer).length;
  lines.push(
    `  size:       ${humanBytes(result.compressedBytes)} compressed${
      result.uncompressedBytes !== undefined
        ? `, ${humanBytes(result.uncompressedBytes)} uncompressed`
        : ''
    }, ${fsLayers} layers (${result.layers.length} history entries)`,
  );
  lines.push(
    `  user:       ${result.user || '(none)'}${
      result.userIsRoot ? ` — root (${result.rootKind})` : ''
    }`,
  );
  if (result.createdAt)
    lines.push(
      `  created:    ${result.createdAt}${
        result.ageDays !== undefined ? ` (${result.ageDays} days ago)` : ''
      }`,
    );
  if (result.baseImage) {
    const share =
      result.baseImageShare !== undefined
        ? `, ${(result.baseImageShare * 100).toFixed(0)}% of the image`
        : '';
    const outdated = result.baseImageOutdated ? ', newer build available' : '';
    lines.push(
      `  base image: ${result.baseImage} (from ${result.baseImageSource}${share}${outdated})`,
    );
  }
  if (result.exposedPorts?.length)
    lines.push(`  ports:      ${result.exposedPorts.join(', ')}`);
  lines.push(`  healthcheck: ${result.healthcheck ?? '(none)'}`);
  if (result.efficiency !== undefined) {
    lines.push(
      `  efficiency: ${(result.efficiency * 100).toFixed(
        2,
      )}%, wasted ${humanBytes(result.wastedBytes)}, reclaimable ${humanBytes(
        result.reclaimableBytes,
      )}`,
    );
  } else if (result.deepAnalysis && !result.deepAnalysis.complete) {
    lines.push(`  deep analysis incomplete: ${result.deepAnalysis.reason}`);
  }
  lines.push('layers:');
  for (const layer of result.layers) {
    const size = layer.emptyLayer
      ? '       -'
      : humanBytes(layer.compressedBytes).padStart(8);
    const created = layer.createdBy.replace(/\s+/g, ' ').slice(0, 100);
    lines.push(
      `  ${size}  ${
        layer.emptyLayer ? '(no files)' : layer.digest.slice(0, 19)
      }  ${created}`,
    );
  }
  if (result.largestFiles?.length) {
    lines.push('largest files:');
    for (const file of result.largestFiles.slice(0, 5))
      lines.push(`  ${humanBytes(file.bytes).padStart(8)}  ${file.path}`);
  }
  lines.push(result.findings.length ? 'findings:' : 'findings: none');
  for (const f of result.findings) {
    lines.push(
      `  ${f.severity.padEnd(7)} ${f.ruleId}  ${f.message}${
        f.file ? ` (${f.file}:${f.line})` : ''
      }`,
    );
    lines.push(`          fix: ${f.remediation.summary}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The inspector the CLI commands use: it may contact only the hosts of the
 * references it was given and those named with --insecure-registry (plain
 * HTTP), with credentials from the user's docker config.json.
 */
export async function cliImageInspector(options: {
  refHosts: string[];
  insecureRegistries: string[];
  platform?: string;
  deep: boolean;
}): Promise<ImageInspector> {
  const insecure = new Set(options.insecureRegistries.map(canonicalHost));
  const hosts = new Set([...insecure, ...options.refHosts.map(canonicalHost)]);
  const credentials = await loadDockerConfigCredentials();
  const registries: RegistryConfig[] = [...hosts].map(host => ({
    host,
    insecure: insecure.has(host),
    auth: credentials.get(host),
  }));
  return new ImageInspector({
    registries,
    platform: options.platform,
    allowLocalSources: true,
    deepAnalysis: {
      enabled: options.deep,
      maxLayerBytes: 8 * 1024 ** 3,
      maxEntries: 2_000_000,
    },
    credentialsHint: host =>
      `the credentials for ${host} in your docker config.json (docker login ${host})`,
  });
}

function fail(reason: string): number {
  process.stderr.write(`image-health inspect: ${reason.split('\n')[0]}\n`);
  return 2;
}

/**
 * `image-health inspect`: inspects one image (a registry reference or a local
 * `oci:`/`docker-archive:` source). Contacts only the reference's own host
 * and the hosts named with --insecure-registry.
 */
export async function runInspect(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        deep: { type: 'boolean', default: false },
        platform: { type: 'string' },
        format: { type: 'string', default: 'text' },
        'insecure-registry': { type: 'string', multiple: true, default: [] },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    return fail(`${(error as Error).message}; ${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1)
    return fail(
      `expected one image reference, got ${positionals.length}; ${USAGE}`,
    );
  if (values.format !== 'text' && values.format !== 'json')
    return fail(`--format must be text or json, not "${values.format}"`);
  if (
    values.platform &&
    !/^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?$/.test(values.platform)
  ) {
    return fail(
      `--platform must be os/arch[/variant], e.g. linux/amd64, not "${values.platform}"`,
    );
  }
  const refText = positionals[0];
  let ref;
  try {
    ref = parseReference(refText);
  } catch (error) {
    if (error instanceof InvalidReferenceError) return fail(error.message);
    throw error;
  }

  const inspector = await cliImageInspector({
    refHosts: ref.kind === 'registry' ? [ref.host] : [],
    insecureRegistries: values['insecure-registry'] as string[],
    platform: values.platform,
    deep: Boolean(values.deep),
  });
  try {
    const result = await inspector.inspect(refText, {
      deep: Boolean(values.deep),
    });
    process.stdout.write(
      values.format === 'json'
        ? `${JSON.stringify(result, null, 2)}\n`
        : formatInspectText(result),
    );
    return 0;
  } catch (error) {
    if (
      error instanceof RegistryError ||
      error instanceof InvalidReferenceError
    )
      return fail(error.message);
    return fail(`cannot inspect ${refText}: ${(error as Error).message}`);
  } finally {
    await inspector.close();
  }
}
