/* eslint-disable jest/no-export -- shared helpers for the image rules' catch / no-catch cases */
import { createHash } from 'node:crypto';
import { parseDockerfile } from '../../dockerfile/parse';
import type { BaseMatch } from '../../image/baseImage';
import { configFacts } from '../../image/config';
import type { DeepResult } from '../../image/deep';
import { imageFacts } from '../../image/facts';
import { layerList } from '../../image/resolve';
import { summarizeTree } from '../../layers/analysis';
import {
  captureContent,
  ImageCaptures,
  wantsContent,
  type LayerCaptures,
} from '../../layers/captures';
import { ImageFileTree } from '../../layers/filetree';
import type { TarEntry } from '../../layers/tar';
import type { Descriptor, ImageConfig } from '../../registry';
import type { DeepFailure, ImageFacts, ImageRule } from './types';

/**
 * A file of a layer: its size, its text (read by the content captures as deep
 * analysis reads a layer's), or the tar entry's fields that matter (`.wh.` names delete).
 */
type LayerFile = number | string | Partial<Omit<TarEntry, 'path'>>;

/** An image as its config and layers describe it. */
export interface ImageSpec {
  /** The config's `config` block: User, Env, Healthcheck, Labels… */
  config?: ImageConfig['config'];
  /** Each layer's entries, path → file; the history line that made it. */
  layers?: Array<{ createdBy?: string; files: Record<string, LayerFile> }>;
  /** Read every layer (deep analysis); true when layers are given. */
  deep?: boolean;
  /** Deep analysis stopped at this layer instead. */
  deepFailure?: DeepFailure;
  base?: BaseMatch;
  /** The Dockerfile the image was built from. */
  dockerfile?: string;
}

function entry(path: string, file: LayerFile): TarEntry {
  let fields: Partial<Omit<TarEntry, 'path'>>;
  if (typeof file === 'number') fields = { size: file };
  else if (typeof file === 'string') fields = { size: Buffer.byteLength(file) };
  else fields = file;
  return {
    path,
    type: 'file',
    size: 0,
    mode: 0o644,
    uid: 0,
    gid: 0,
    ...fields,
  };
}

/**
 * The facts the inspector would gather from such an image: its config read
 * by configFacts, its layers merged by the real file tree and analysis.
 */
export function factsOf(spec: ImageSpec): ImageFacts {
  const layers = spec.layers ?? [];
  const entries = layers.map(layer =>
    Object.entries(layer.files).map(([path, file]) => entry(path, file)),
  );
  const descriptors: Descriptor[] = entries.map(list => {
    const json = JSON.stringify(list);
    return {
      mediaType: 'application/vnd.oci.image.layer.v1.tar',
      digest: `sha256:${createHash('sha256').update(json).digest('hex')}`,
      size: list.reduce((sum, e) => sum + e.size, 0),
    };
  });
  const config: ImageConfig = {
    config: spec.config ?? {},
    history: layers.map(l => ({ created_by: l.createdBy ?? '' })),
  };
  let deep: DeepResult | undefined;
  if (spec.deepFailure) {
    deep = { uncompressed: [], files: 0, failure: spec.deepFailure };
  } else if (spec.deep ?? layers.length > 0) {
    const tree = new ImageFileTree();
    entries.forEach(list => tree.addLayer(list));
    // string files go through the content captures as a layer's would
    const captures = new ImageCaptures();
    layers.forEach((layer, index) => {
      const kept: LayerCaptures = {};
      for (const [path, file] of Object.entries(layer.files)) {
        const fileEntry = entry(path, file);
        if (typeof file === 'string' && wantsContent(fileEntry))
          captureContent(kept, fileEntry, Buffer.from(file));
      }
      captures.add(index, kept);
    });
    deep = {
      tree: summarizeTree(tree, captures.treeOptions()),
      uncompressed: descriptors.map(d => d.size),
      files: entries.flat().length,
    };
  }
  return imageFacts({
    name: 'registry.example/acme/app:1.0',
    config: configFacts(config),
    layers: layerList(descriptors, config),
    base: spec.base ?? {},
    deep,
    dockerfile:
      spec.dockerfile === undefined
        ? undefined
        : { location: 'Dockerfile', model: parseDockerfile(spec.dockerfile) },
  });
}

/** Declares the catch / no-catch cases of an image rule: `[what the image is, spec]`. */
export function describeImageRule(
  rule: ImageRule,
  cases: {
    catches: Array<[string, ImageSpec]>;
    passes: Array<[string, ImageSpec]>;
  },
): void {
  describe(`${rule.id} (${rule.title})`, () => {
    it.each(cases.catches)('catches %s', (_what, spec) => {
      expect(rule.check(factsOf(spec)).length).toBeGreaterThan(0);
    });
    it.each(cases.passes)('passes %s', (_what, spec) => {
      expect(rule.check(factsOf(spec))).toEqual([]);
    });
  });
}
