import type { Rule } from '../types';
import { unquote } from '../../dockerfile/parse';

export const rule: Rule = {
  id: 'add-remote-url',
  title: 'ADD of a URL',
  category: 'layers',
  severity: 'warning',
  equivalents: [],
  description:
    'ADD <url> stores the downloaded file in its own layer, even if a later RUN extracts and deletes it, and it is not verified unless --checksum is given. Download, verify, extract and delete in one RUN.',
  check({ model }) {
    return model.instructions
      .filter(
        i => i.keyword === 'ADD' && !i.flags.some(f => f.name === 'checksum'),
      )
      .filter(i =>
        (i.json ?? i.words.map(w => unquote(w.value)))
          .slice(0, -1)
          .some(s => /^(https?|ftp):\/\//i.test(s)),
      )
      .map(instruction => {
        const words =
          instruction.json ?? instruction.words.map(w => unquote(w.value));
        const url = words.find(s => /^(https?|ftp):\/\//i.test(s))!;
        const dest = words[words.length - 1];
        return {
          instruction,
          message: `ADD downloads ${url} into a layer of its own`,
          summary:
            'Download, check and unpack in one RUN, removing the archive in the same RUN.',
          after: `RUN curl -fsSL -o /tmp/download ${url} \\\n    && echo "<sha256>  /tmp/download" | sha256sum -c - \\\n    && <unpack or move to ${dest}> \\\n    && rm /tmp/download`,
        };
      });
  },
};
