import type { Rule } from '../types';
import { argumentsOf } from '../support';

/** The suffixes DL3020 takes for an archive ADD unpacks (case as written). */
const ARCHIVE = /\.(tar|Z|bz2|gz|lz|lzma|tZ|tb2|tbz|tbz2|tgz|tlz|tpz|txz|xz)$/;
const URL = /^https?:\/\//;

export const rule: Rule = {
  id: 'add-instead-of-copy',
  title: 'ADD used for plain files',
  category: 'layers',
  severity: 'error',
  // Not DS-0005: Trivy lets any ADD mentioning .tar, a URL or git@ pass, and flags .gz/.xz files.
  equivalents: ['DL3020', 'CIS-DI-0009'],
  description:
    'ADD also extracts archives and fetches URLs, which surprises readers. For files and folders use COPY; ADD stays for local tar archives (and URLs).',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3020',
  check({ model }) {
    return model.instructions.flatMap(instruction => {
      if (instruction.keyword !== 'ADD') return [];
      const sources = argumentsOf(instruction, { unquoted: true }).slice(0, -1);
      if (sources.length === 0 || sources.some(s => s.startsWith('<<')))
        return [];
      // As DL3020: every source must be an archive or a URL.
      const plain = sources.filter(s => !ARCHIVE.test(s) && !URL.test(s));
      if (plain.length === 0) return [];
      let keywordAt = instruction.start;
      while (/\s/.test(model.text[keywordAt])) keywordAt++;
      const mixed = plain.length < sources.length;
      return [
        {
          instruction,
          message: mixed
            ? `ADD copies plain files (${plain.join(
                ', ',
              )}) beside an archive or URL`
            : 'ADD copies plain files here: COPY says what it does',
          summary: mixed
            ? 'Copy the plain files with a COPY of their own; keep ADD for the archive or URL.'
            : 'Use COPY for files and folders.',
          // Turning a mixed ADD into COPY would stop the archive being unpacked.
          edits: mixed
            ? undefined
            : [{ start: keywordAt, end: keywordAt + 3, text: 'COPY' }],
        },
      ];
    });
  },
};
