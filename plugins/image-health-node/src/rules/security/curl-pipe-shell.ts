import type { Rule } from '../types';
import { commandsOf, programOf } from '../support';

const DOWNLOADERS = new Set(['curl', 'wget', 'fetch']);
const INTERPRETERS =
  /^(sh|bash|ash|dash|zsh|ksh|python[0-9.]*|perl|ruby|node|php)$/;

export const rule: Rule = {
  id: 'curl-pipe-shell',
  title: 'Remote script piped into a shell',
  category: 'security',
  severity: 'warning',
  equivalents: [],
  description:
    '`curl … | sh` runs whatever the server returns at build time, unverified. Download to a file, check its checksum or signature, then run it.',
  check({ model }) {
    const hits = [];
    for (const instruction of model.instructions) {
      const commands = commandsOf(instruction);
      for (let i = 0; i + 1 < commands.length; i++) {
        const from = commands[i];
        const to = commands[i + 1];
        if (from.terminator !== '|' || to.pipeline !== from.pipeline) continue;
        if (!DOWNLOADERS.has(programOf(from))) continue;
        const runner =
          programOf(to) === 'sudo'
            ? to.args.find(a => !a.startsWith('-')) ?? ''
            : programOf(to);
        if (!INTERPRETERS.test(runner.split('/').pop() ?? '')) continue;
        hits.push({
          instruction,
          message: `${programOf(from)} output is piped straight into ${runner}`,
          summary:
            'Download the script to a file, verify its checksum, then run it.',
          after: `RUN ${programOf(from)} ${from.args.join(' ')}${
            programOf(from) === 'curl'
              ? ' -o /tmp/install.sh'
              : ' -O /tmp/install.sh'
          } \\\n    && echo "<sha256>  /tmp/install.sh" | sha256sum -c - \\\n    && ${runner} /tmp/install.sh && rm /tmp/install.sh`,
        });
      }
    }
    return hits;
  },
};
