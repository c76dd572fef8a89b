import type { Rule, RuleHit } from '../types';
import type { Instruction } from '../../dockerfile/model';
import { flagOf } from '../../dockerfile/model';
import type { ShellCommand } from '../../dockerfile/shell';
import { argsNoFlags, hadolintDocsUrl, nameOf, runCommands } from '../peer';
import { withoutQuotes, argumentsOf } from '../support';

const equivalents = ['DL3010'];

/** The endings hadolint takes for a local archive `ADD` would unpack. */
const ARCHIVE_ENDINGS = [
  '.tar',
  '.Z',
  '.bz2',
  '.gz',
  '.lz',
  '.lzma',
  '.tZ',
  '.tb2',
  '.tbz',
  '.tbz2',
  '.tgz',
  '.tlz',
  '.tpz',
  '.txz',
  '.xz',
];

/** Programs that unpack (or decompress) a file named among their arguments. */
const UNPACKERS = new Set([
  'unzip',
  'gunzip',
  'bunzip2',
  'unlzma',
  'unxz',
  'zgz',
  'uncompress',
  'zcat',
  'gzcat',
]);

/** The last part of a path, `/` or `\` separated (Windows paths too). */
function baseName(path: string): string {
  const p = withoutQuotes(path);
  return p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);
}

function isArchive(path: string): boolean {
  const p = withoutQuotes(path);
  return ARCHIVE_ENDINGS.some(e => p.endsWith(e));
}

/**
 * The archive names a local COPY brings in: the destination's when it names an
 * archive itself, else those of the sources that are archives.
 */
function archivesOf(copy: Instruction): string[] {
  const words = argumentsOf(copy);
  if (words.length < 2) return [];
  const target = words[words.length - 1];
  if (isArchive(target)) return [baseName(target)];
  return words.slice(0, -1).map(baseName).filter(isArchive);
}

/** `tar` with `-…x…`, `--extract` or `--get`, or one of the decompressors. */
function extracts(command: ShellCommand): boolean {
  const name = nameOf(command);
  if (UNPACKERS.has(name)) return true;
  return (
    name === 'tar' &&
    command.args.some(
      a =>
        a === '--extract' ||
        a === '--get' ||
        (a.startsWith('-') && a.includes('x')),
    )
  );
}

/**
 * DL3010: a local archive COPYed in and then unpacked by a later RUN of the same
 * stage (matched by file name) could have been ADDed, which unpacks it without
 * keeping the archive in a layer. As hadolint reads it: only the last stage
 * counts (each FROM starts afresh), `COPY --from` is not local, and the finding
 * is on the COPY.
 */
export const rule: Rule = {
  id: 'copy-archive-then-extract',
  title: 'Archive copied, then extracted',
  category: 'layers',
  severity: 'info',
  equivalents,
  description:
    'COPY of a local tar archive followed by `tar -x` in a RUN keeps the archive in an image layer for nothing. `ADD archive.tar.gz /dest/` unpacks a local tar archive (gzip, bzip2, xz) in one step; or bind-mount it (`RUN --mount=type=bind,source=app.tar.gz,target=/tmp/app.tar.gz tar -xzf /tmp/app.tar.gz`).',
  docsUrl: hadolintDocsUrl(equivalents),
  check({ model }) {
    let copies: Array<{ instruction: Instruction; archives: string[] }> = [];
    let extracted = new Set<Instruction>();
    for (const instruction of model.instructions) {
      if (instruction.keyword === 'FROM') {
        copies = [];
        extracted = new Set();
      } else if (instruction.keyword === 'COPY') {
        if (flagOf(instruction, 'from')) continue;
        const archives = archivesOf(instruction);
        if (archives.length > 0) copies.push({ instruction, archives });
      } else if (instruction.keyword === 'RUN' && copies.length > 0) {
        const named = runCommands(model, instruction)
          .filter(extracts)
          .map(c => new Set(argsNoFlags(c).map(baseName)));
        for (const copy of copies)
          if (copy.archives.some(a => named.some(n => n.has(a))))
            extracted.add(copy.instruction);
      }
    }
    return [...extracted]
      .sort((a, b) => a.index - b.index)
      .map(
        (instruction): RuleHit => ({
          instruction,
          message: 'archive copied into the image, then extracted',
          summary:
            'ADD the archive to unpack it without keeping it in a layer.',
        }),
      );
  },
};
