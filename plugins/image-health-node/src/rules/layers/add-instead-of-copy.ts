import type { Rule } from '../types';
import { unquote } from '../../dockerfile/parse';

const ARCHIVE =
  /\.(tar|tar\.(gz|bz2|xz|lz|lzma|Z|zst)|tgz|tbz2?|tb2|tpz|tlz|txz|tZ)$/i;
const URL = /^(https?|ftp):\/\//i;

export const rule: Rule = {
  id: 'add-instead-of-copy',
  title: 'ADD used for plain files',
  category: 'layers',
  severity: 'error',
  equivalents: ['DL3020', 'DS-0005', 'CIS-DI-0009'],
  description:
    'ADD also extracts archives and fetches URLs, which surprises readers. For files and folders use COPY; ADD stays for local tar archives (and URLs).',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3020',
  check({ model }) {
    return model.instructions
      .filter(i => i.keyword === 'ADD')
      .filter(i => {
        const sources = (i.json ?? i.words.map(w => unquote(w.value))).slice(
          0,
          -1,
        );
        return (
          sources.length > 0 &&
          !sources.some(
            s => ARCHIVE.test(s) || URL.test(s) || s.startsWith('<<'),
          )
        );
      })
      .map(instruction => {
        let keywordAt = instruction.start;
        while (/\s/.test(model.text[keywordAt])) keywordAt++;
        return {
          instruction,
          message: 'ADD copies plain files here: COPY says what it does',
          summary: 'Use COPY for files and folders.',
          edits: [{ start: keywordAt, end: keywordAt + 3, text: 'COPY' }],
        };
      });
  },
};
