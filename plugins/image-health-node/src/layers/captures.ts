import { isAccountFile } from './accountFiles';
import type { AnalyzeTreeOptions } from './analysis';
import { holdsPrivateKey, mayHoldPrivateKey } from './secretFiles';
import type { TarEntry } from './tar';

/**
 * The files whose content deep analysis reads while a layer streams (the
 * merged tree keeps only names, sizes and modes), and what it keeps of them.
 *
 * This is the one hook for content facts: a new kind of captured file is one
 * more entry in CAPTURES (which entries to read, what to keep of each) and
 * the line of ImageCaptures.treeOptions that hands the kept values to
 * analyzeTree. The reader threads and the tree thread need no change.
 */
interface ContentCapture {
  /** Read this entry's content (small files only: the tar reader caps it). */
  wants(entry: TarEntry): boolean;
  /** What to keep of the content, or undefined to keep nothing. Kept values cross threads: keep them small. */
  keep(content: Buffer): string | undefined;
}

const CAPTURES = {
  privateKeys: {
    wants: mayHoldPrivateKey,
    keep: content => (holdsPrivateKey(content) ? '' : undefined),
  },
  /** /etc/passwd, /etc/group, /etc/shadow: their text, parsed by accountFiles.ts. */
  accountFiles: {
    wants: isAccountFile,
    keep: content => content.toString('utf8'),
  },
} satisfies Record<string, ContentCapture>;

export type CaptureKind = keyof typeof CAPTURES;

const KINDS = Object.keys(CAPTURES) as CaptureKind[];

/** What the captures kept of one layer, by kind then path (plain objects: they cross threads). */
export type LayerCaptures = Partial<
  Record<CaptureKind, Record<string, string>>
>;

/** True when some capture wants the entry's content. */
export function wantsContent(entry: TarEntry): boolean {
  return KINDS.some(kind => CAPTURES[kind].wants(entry));
}

/** Runs every capture that wants the entry over its content, keeping what they keep in `into`. */
export function captureContent(
  into: LayerCaptures,
  entry: TarEntry,
  content: Buffer,
): void {
  for (const kind of KINDS) {
    const capture: ContentCapture = CAPTURES[kind];
    if (!capture.wants(entry)) continue;
    const kept = capture.keep(content);
    if (kept === undefined) continue;
    // no prototype: a path is a key here, whatever it is
    (into[kind] ??= Object.create(null))[entry.path] = kept;
  }
}

/** The captures of every layer of an image, keyed `${layer}:${path}` as analyzeTree reads them. */
export class ImageCaptures {
  private readonly kept = new Map<CaptureKind, Map<string, string>>(
    KINDS.map(kind => [kind, new Map()]),
  );

  add(layer: number, captures: LayerCaptures): void {
    for (const kind of KINDS) {
      for (const [path, value] of Object.entries(captures[kind] ?? {}))
        this.kept.get(kind)!.set(`${layer}:${path}`, value);
    }
  }

  treeOptions(): AnalyzeTreeOptions {
    return {
      privateKeys: new Set(this.kept.get('privateKeys')!.keys()),
      accountFiles: this.kept.get('accountFiles')!,
    };
  }
}
