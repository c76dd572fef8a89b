// What the fuzz harness feeds: the engine's entry points for untrusted input,
// bundled once by fuzz.mjs. Each returns normally, or throws one of the typed
// input errors listed in INPUT_ERRORS; anything else is a crash.
import { Readable } from 'node:stream';
import { analyzeDockerfile } from '../plugins/image-health-node/src/dockerfile';
import { DockerignoreMatcher } from '../plugins/image-health-node/src/dockerignore/match';
import { configFacts } from '../plugins/image-health-node/src/image/config';
import { ImageFileTree } from '../plugins/image-health-node/src/layers/filetree';
import {
  LayerReadError,
  readLayer,
} from '../plugins/image-health-node/src/layers/reader';
import {
  TarFormatError,
  type TarEntry,
} from '../plugins/image-health-node/src/layers/tar';
import {
  ManifestFormatError,
  parseManifest,
} from '../plugins/image-health-node/src/registry/manifests';
import type { ImageConfig } from '../plugins/image-health-node/src/registry/manifests';
import { redactText } from '../plugins/image-health-node/src/secrets';

export const INPUT_ERRORS = [
  LayerReadError,
  TarFormatError,
  ManifestFormatError,
];

const NOW = new Date('2026-12-01T00:00:00Z');

export function dockerfile(content: string, dockerignore: string | null) {
  analyzeDockerfile({
    location: 'Dockerfile',
    content,
    dockerignore,
    now: NOW,
  });
  redactText(content);
}

export function dockerignore(text: string) {
  const matcher = new DockerignoreMatcher(text);
  for (const path of ['.git', 'node_modules', '.env', 'a/b/c/d.go'])
    matcher.ignores(path);
}

export async function layer(blob: Buffer) {
  const entries: TarEntry[] = [];
  await readLayer(Readable.from([blob]), {
    onEntry: entry => entries.push(entry),
    maxUncompressedBytes: 64 * 1024 * 1024,
    maxEntries: 200_000,
  });
  new ImageFileTree().addLayer(entries);
}

export function manifest(body: string) {
  parseManifest(body, 'application/vnd.oci.image.manifest.v1+json');
}

export function config(body: string) {
  // The inspector reads a config blob as JSON and hands it to configFacts.
  configFacts(JSON.parse(body) as ImageConfig);
}
