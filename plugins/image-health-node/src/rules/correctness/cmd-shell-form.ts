import type { Rule } from '../types';
import { parseShell } from '../../dockerfile/shell';

export const rule: Rule = {
  id: 'cmd-shell-form',
  title: 'CMD or ENTRYPOINT in shell form',
  category: 'correctness',
  severity: 'warning',
  equivalents: ['DL3025', 'JSONArgsRecommended'],
  description:
    'Shell form runs the program under /bin/sh -c, which does not forward SIGTERM: containers wait the full stop timeout and are killed. Use the JSON (exec) form.',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3025',
  check({ model }) {
    return model.instructions
      .filter(
        i =>
          (i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT') &&
          !i.json &&
          i.args !== '',
      )
      .map(instruction => {
        const script = parseShell(instruction.args);
        const simple =
          !script.parseError &&
          script.commands.length === 1 &&
          script.commands[0].assignments.length === 0 &&
          !/[$`*?<>|;&(){}\\]/.test(instruction.args) &&
          instruction.endLine === instruction.line;
        const json = simple
          ? JSON.stringify(script.commands[0].words.map(w => w.value)).replace(
              /","/g,
              '", "',
            )
          : undefined;
        const words = instruction.words;
        return {
          instruction,
          message: `${instruction.keyword} ${instruction.args} runs under /bin/sh -c and will not receive SIGTERM`,
          summary: `Write ${instruction.keyword} in JSON form${
            json
              ? `: ${instruction.keyword} ${json}`
              : ' (wrap shell logic in a script, exec the program at its end)'
          }.`,
          edits:
            json && words.length
              ? [
                  {
                    start: words[0].start,
                    end: words[words.length - 1].end,
                    text: json,
                  },
                ]
              : undefined,
          after: json
            ? undefined
            : `${instruction.keyword} ["/bin/sh", "-c", ${JSON.stringify(
                `exec ${instruction.args}`,
              )}]`,
        };
      });
  },
};
