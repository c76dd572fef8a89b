import type { Rule, RuleHit } from '../types';
import type { DockerfileModel, Stage } from '../../dockerfile/model';
import type { ShellCommand } from '../../dockerfile/shell';
import { compact, insertAfter } from '../support';
import { hadolintCommand, hadolintFlags, nameOf } from '../peer';
import { runsWithCommandsNamed } from '../peerCommands';

/**
 * DL3047: `wget` prints a progress line per chunk unless told otherwise:
 * `--progress=…`, or output kept quiet or elsewhere (`-q`/`--quiet`, `-nv`/
 * `--no-verbose`, `-o`/`--output-file`, `-a`/`--append-output`).
 */
export function printsProgress(command: ShellCommand): boolean {
  if (nameOf(command) !== 'wget') return false;
  if (command.args.includes('-nv')) return false;
  const quiet = new Set([
    'progress',
    'q',
    'quiet',
    'o',
    'output-file',
    'a',
    'append-output',
    'no-verbose',
  ]);
  return !hadolintFlags(command).some(f => quiet.has(f.flag));
}

/** Whether the stage starts from busybox or Alpine, whose busybox wget knows `-q` but not `--progress`. */
function hasBusyboxWget(model: DockerfileModel, stage: Stage): boolean {
  const seen = new Set<Stage>();
  let current: Stage | undefined = stage;
  while (current && !seen.has(current)) {
    seen.add(current);
    if (current.baseStage === undefined)
      return /alpine|busybox/i.test(current.image.resolved);
    current = model.stages[current.baseStage];
  }
  return false;
}

export const rule: Rule = {
  id: 'wget-without-progress',
  title: 'wget without --progress',
  category: 'correctness',
  severity: 'info',
  equivalents: ['DL3047'],
  description:
    'wget prints a progress line for every few kilobytes it downloads, so a large download floods the build log. Use `wget --progress=dot:giga`, or `-q` / `-nv` (`--quiet`, `--no-verbose`).',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3047',
  check({ model }) {
    const hits: RuleHit[] = [];
    // One finding per RUN (or ONBUILD RUN), as hadolint reports it. Only the
    // RUNs that run wget are visited: 1.4 → 0.4 ms per corpus pass.
    for (const { instruction, commands } of runsWithCommandsNamed(
      model,
      'wget',
    )) {
      const offending = commands.filter(printsProgress);
      if (offending.length === 0) continue;
      const stage = model.stages[instruction.stage];
      const option =
        stage && hasBusyboxWget(model, stage) ? '-q' : '--progress=dot:giga';
      const edits =
        instruction.keyword === 'RUN'
          ? compact(
              offending.map(c =>
                insertAfter(
                  instruction,
                  c.words[hadolintCommand(c).at],
                  ` ${option}`,
                ),
              ),
            )
          : [];
      hits.push({
        instruction,
        message: 'wget without --progress floods the build log',
        summary: `Add ${option} to wget.`,
        ...(edits.length === offending.length ? { edits } : {}),
      });
    }
    return hits;
  },
};
