import type { Rule } from '../types';
import type {
  DockerfileModel,
  Instruction,
  Stage,
} from '../../dockerfile/model';
import { isWindows } from '../security/user';
import { parseShell } from '../../dockerfile/shell';

/**
 * The shell-form command of a CMD or ENTRYPOINT, with its words; undefined
 * for JSON form. A HEALTHCHECK is not judged: it is a short probe the engine
 * starts and waits for, which never needs a stop signal (issue 13).
 */
function shellForm(
  i: Instruction,
): { label: string; text: string; words: Instruction['words'] } | undefined {
  if (i.keyword !== 'CMD' && i.keyword !== 'ENTRYPOINT') return undefined;
  return !i.json && i.args !== ''
    ? { label: i.keyword, text: i.args, words: i.words }
    : undefined;
}

/** The SHELL instructions (JSON form) of each stage, in order. */
function shellsByStage(model: DockerfileModel): Map<number, Instruction[]> {
  const shells = new Map<number, Instruction[]>();
  for (const i of model.instructions) {
    if (i.keyword !== 'SHELL' || !i.json) continue;
    const own = shells.get(i.stage);
    if (own) own.push(i);
    else shells.set(i.stage, [i]);
  }
  return shells;
}

/**
 * The shell a stage's shell-form commands run under: its last SHELL, or one
 * it inherits through `FROM <stage>`. The SHELLs are read once per check
 * (filtering every stage's instructions per CMD was quadratic: 5 s for a
 * fuzzed file of 26,000 CMDs).
 */
function shellOf(
  model: DockerfileModel,
  shells: ReadonlyMap<number, Instruction[]>,
  instruction: Instruction,
): string[] {
  const seen = new Set<number>();
  for (
    let stage: Stage | undefined = model.stages[instruction.stage];
    stage && !seen.has(stage.index);
    stage =
      stage.baseStage !== undefined ? model.stages[stage.baseStage] : undefined
  ) {
    seen.add(stage.index);
    let last: Instruction | undefined;
    for (const i of shells.get(stage.index) ?? []) {
      if (stage.index !== instruction.stage || i.index < instruction.index)
        last = i;
    }
    if (last) return last.json!;
  }
  return ['/bin/sh', '-c'];
}

export const rule: Rule = {
  id: 'cmd-shell-form',
  title: 'CMD or ENTRYPOINT in shell form',
  category: 'correctness',
  severity: 'warning',
  equivalents: ['DL3025', 'JSONArgsRecommended'],
  differsFrom: {
    DL3025:
      'hadolint also holds `HEALTHCHECK CMD` to the JSON form; a health probe is a short command the engine runs and never sends a stop signal to, so its shell form is not reported.',
  },
  description:
    "Shell form runs the program under /bin/sh -c (or the stage's SHELL), which does not forward SIGTERM: containers wait the full stop timeout and are killed. Use the JSON (exec) form. Not judged: HEALTHCHECK CMD (a probe never needs a stop signal, where hadolint holds it to the same form) and Windows stages (no SIGTERM; their shell form runs the stage's SHELL).",
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3025',
  check({ model }) {
    const shells = shellsByStage(model);
    return model.instructions.flatMap(instruction => {
      const form = shellForm(instruction);
      if (!form) return [];
      const stage = model.stages[instruction.stage];
      if (!stage || isWindows(stage)) return [];
      const shell = shellOf(model, shells, instruction);
      const shellText = shell.join(' ');
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
            message: `${form.label} ${form.text} runs under ${shellText} and will not receive SIGTERM`,
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
            after: json ? undefined : execForm(form.label, shell, form.text),
          },
        ];
      }
    });
  },
};

/**
 * The command run by the stage's shell with `exec` before the program that
 * must receive signals: the last top-level command of the script (`exec cd`
 * would fail). None when that command is part of a pipeline or a compound.
 */
function execForm(
  label: string,
  shell: string[],
  text: string,
): string | undefined {
  const script = parseShell(text);
  if (script.parseError) return undefined;
  const last = script.commands.filter(c => !c.nested).pop();
  if (!last || last.pipePosition > 0 || last.terminator === '|')
    return undefined;
  if (
    script.commands.some(
      c => !c.nested && c.pipeline === last.pipeline && c !== last,
    )
  )
    return undefined;
  if (['cd', 'export', 'set', 'exec', ''].includes(last.name)) return undefined;
  const withExec = `${text.slice(0, last.start)}exec ${text.slice(last.start)}`;
  return `${label} ${JSON.stringify([...shell, withExec]).replace(
    /","/g,
    '", "',
  )}`;
}
