import type { Edit, Rule } from '../types';
import { commandsOf, programOf } from '../support';
import type { Instruction } from '../../dockerfile/model';
import type { ShellCommand, ShellWord } from '../../dockerfile/shell';

const DOWNLOADERS = new Set(['curl', 'wget', 'fetch']);
const SCRIPT_FILE = '/tmp/install.sh';
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);
const INTERPRETERS =
  /^(sh|bash|ash|dash|zsh|ksh|python[0-9.]*|perl|ruby|node|php)$/;

export const rule: Rule = {
  id: 'curl-pipe-shell',
  title: 'Remote script piped into a shell',
  category: 'security',
  severity: 'warning',
  equivalents: [],
  description:
    '`curl … | sh` (or `sh -c "$(curl …)"`, `eval "$(wget -O- …)"`) runs whatever the server returns at build time, unverified. Download to a file, check its checksum or signature, then run it.',
  check({ model }) {
    const hits = [];
    for (const instruction of model.instructions) {
      const commands = commandsOf(instruction);
      for (let at = 0; at < commands.length; at++) {
        const download = commands[at];
        if (!download.nested || !printsDownload(download)) continue;
        const runner = substitutionRunner(commands, at);
        if (!runner) continue;
        const shell = instruction.shell;
        const start = shell?.toSource(runner.outer.start);
        const end = shell?.toSource(runner.outer.end);
        hits.push({
          instruction,
          message: `the text ${programOf(download)} downloads is run by ${
            runner.label
          } as a script`,
          summary:
            'Download the script to a file, verify its checksum, then run it.',
          ...(start === undefined || end === undefined
            ? {}
            : {
                placeholders: [
                  {
                    start,
                    end,
                    text: downloadCheckRun(download, runner.run),
                  },
                ],
              }),
        });
      }
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
          ...shownPipelineFix(instruction, from, to, runner),
        });
      }
    }
    return hits;
  },
};

/**
 * Whether a downloader writes what it fetches to standard output: curl
 * unless told `-o`/`-O`; wget only with `-O -` (it writes a file by default).
 */
function printsDownload(command: ShellCommand): boolean {
  const args = command.args;
  if (programOf(command) === 'curl')
    return !args.some(
      a =>
        a === '-o' ||
        a === '-O' ||
        a.startsWith('--output') ||
        a === '--remote-name' ||
        /^-[a-zA-Z]*[oO]/.test(a),
    );
  if (programOf(command) !== 'wget') return false;
  return args.some(
    (a, i) =>
      a === '-O-' ||
      a === '--output-document=-' ||
      (/^-[a-zA-Z]*O-?$/.test(a) && (a.endsWith('-') || args[i + 1] === '-')),
  );
}

/**
 * The shell that runs the output of a nested downloader as a script:
 * `sh -c "$(curl …)"`, `bash -c …`, `eval "$(…)"` (`. <(curl …)` is not
 * covered: the reader keeps process substitution as a word). Undefined when
 * the substitution is an argument of anything else (`echo "$(curl …)"`).
 */
function substitutionRunner(
  commands: readonly ShellCommand[],
  at: number,
): { label: string; outer: ShellCommand; run: string } | undefined {
  const download = commands[at];
  // The shell reader lists the commands of a substitution just before the
  // command whose word holds it: the outer one is the next top-level command
  // (searching them all was quadratic in a RUN of thousands).
  let outer: ShellCommand | undefined;
  for (let k = at + 1; k < commands.length && !outer; k++) {
    if (!commands[k].nested) outer = commands[k];
  }
  if (
    !outer ||
    !outer.words.some(w => w.start <= download.start && download.end <= w.end)
  )
    return undefined;
  const program = programOf(outer);
  // The script is the substitution alone, not text around it (`tar -C $(curl …)`).
  let script: ShellWord | undefined;
  if (program === 'eval') script = outer.words[1];
  else if (SHELLS.has(program))
    script = outer.words[outer.words.findIndex(w => w.value === '-c') + 1];
  if (
    !script ||
    script === outer.words[0] ||
    script.start > download.start ||
    download.end > script.end ||
    !isWholeSubstitution(script.value)
  )
    return undefined;
  // eval runs the text in the current shell: `.` keeps that.
  return program === 'eval'
    ? { label: 'eval', outer, run: `. ${SCRIPT_FILE}` }
    : { label: `${program} -c`, outer, run: `${program} ${SCRIPT_FILE}` };
}

/** The download written to a file, its checksum checked, then `run`. */
function downloadCheckRun(download: ShellCommand, run: string): string {
  const output =
    programOf(download) === 'curl' ? `-o ${SCRIPT_FILE}` : `-O ${SCRIPT_FILE}`;
  return `${programOf(download)} ${download.args.join(
    ' ',
  )} ${output} \\\n    && echo "<sha256>  ${SCRIPT_FILE}" | sha256sum -c - \\\n    && ${run} && rm ${SCRIPT_FILE}`;
}

/** `$(…)` or `` `…` `` and nothing else. */
function isWholeSubstitution(word: string): boolean {
  return (
    (word.startsWith('$(') && word.endsWith(')')) ||
    (word.length > 1 && word.startsWith('`') && word.endsWith('`'))
  );
}

/**
 * The pipe replaced by download, check, run, shown in the user's RUN (the
 * checksum is theirs to fill in), with the script's own arguments
 * (`bash /dev/stdin -v latest`) passed to the downloaded file. Nothing when
 * the pipe cannot be mapped back.
 */
function shownPipelineFix(
  instruction: Instruction,
  from: ShellCommand,
  to: ShellCommand,
  runner: string,
): { placeholders?: Edit[] } {
  const shell = instruction.shell;
  const start = shell?.toSource(from.start);
  const end = shell?.toSource(to.end);
  if (start === undefined || end === undefined) return {};
  const args = to.args.slice(
    programOf(to) === 'sudo' ? to.args.indexOf(runner) + 1 : 0,
  );
  const scriptArgs = args.filter((a, k) => {
    if (a === '/dev/stdin' || a === '-' || a === '-s') return false;
    return !(a === '--' && (args[k - 1] === '-s' || args[k - 1] === '-'));
  });
  const run = [runner, SCRIPT_FILE, ...scriptArgs].join(' ');
  return {
    placeholders: [{ start, end, text: downloadCheckRun(from, run) }],
  };
}
