import type { Rule } from '../types';
import type { Instruction } from '../../dockerfile/model';
import { parseShell } from '../../dockerfile/shell';

/** The shell-form command of a CMD, ENTRYPOINT or `HEALTHCHECK CMD`, with its words; undefined for JSON form. */
function shellForm(
  i: Instruction,
): { label: string; text: string; words: Instruction['words'] } | undefined {
  if (i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT') {
    return !i.json && i.args !== ''
      ? { label: i.keyword, text: i.args, words: i.words }
      : undefined;
  }
  if (i.keyword !== 'HEALTHCHECK') return undefined;
  const m = /^CMD\s+/i.exec(i.args);
  if (!m) return undefined;
  const text = i.args.slice(m[0].length);
  if (text.trimStart().startsWith('[')) return undefined;
  return { label: 'HEALTHCHECK CMD', text, words: i.words.slice(1) };
}

export const rule: Rule = {
  id: 'cmd-shell-form',
  title: 'CMD or ENTRYPOINT in shell form',
  category: 'correctness',
  severity: 'warning',
  equivalents: ['DL3025', 'JSONArgsRecommended'],
  description:
    'Shell form runs the program under /bin/sh -c, which does not forward SIGTERM: containers wait the full stop timeout and are killed. Use the JSON (exec) form. Like hadolint, HEALTHCHECK CMD is held to the same form.',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3025',
  check({ model }) {
    return model.instructions.flatMap(instruction => {
      const form = shellForm(instruction);
      if (!form) return [];
      {
        const script = parseShell(form.text);
        const simple =
          !script.parseError &&
          script.commands.length === 1 &&
          script.commands[0].assignments.length === 0 &&
          !/[$`*?<>|;&(){}\\]/.test(form.text) &&
          instruction.endLine === instruction.line;
        const json = simple
          ? JSON.stringify(script.commands[0].words.map(w => w.value)).replace(
              /","/g,
              '", "',
            )
          : undefined;
        const words = form.words;
        return [
          {
            instruction,
            message: `${form.label} ${form.text} runs under /bin/sh -c and will not receive SIGTERM`,
            summary: `Write ${form.label} in JSON form${
              json
                ? `: ${form.label} ${json}`
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
              : `${form.label} ["/bin/sh", "-c", ${JSON.stringify(
                  `exec ${form.text}`,
                )}]`,
          },
        ];
      }
    });
  },
};
