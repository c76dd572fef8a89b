import type { Rule, RuleHit } from '../types';
import type { ShellCommand, ShellWord } from '../../dockerfile/shell';
import type { Instruction } from '../../dockerfile/model';
import { applyEditsTo, compact, keyValues, replaceWord } from '../support';
import { commandsWithOnbuild, hasArgs } from '../peer';

/** Index just past the `close` matching the `open` at `from`. */
function pastMatching(
  raw: string,
  from: number,
  open: string,
  close: string,
): number {
  let depth = 0;
  for (let i = from; i < raw.length; i++) {
    if (raw[i] === open) depth++;
    else if (raw[i] === close && --depth === 0) return i + 1;
  }
  return raw.length;
}

/**
 * A word as hadolint's shell reader renders it: quotes removed, single-quoted
 * text literal, `$name` written `${name}`, `${…}` as is, a `$(…)` substitution
 * `${…}` with its words run together, and backticks or `$((…))` `${VAR}`.
 * Rules comparing a word with variable names, or counting its characters (a
 * UID's length), need this rendering to judge as hadolint does.
 */
export function hadolintText(raw: string): string {
  let out = '';
  let inDouble = false;
  let i = 0;
  while (i < raw.length) {
    const c = raw[i];
    const next = raw[i + 1];
    if (!inDouble && (c === "'" || (c === '$' && next === "'"))) {
      const open = c === "'" ? i : i + 1;
      const close = raw.indexOf("'", open + 1);
      const end = close < 0 ? raw.length : close;
      out += raw.slice(open + 1, end);
      i = end + 1;
    } else if (c === '"') {
      inDouble = !inDouble;
      i++;
    } else if (c === '\\' && next !== undefined) {
      out += inDouble && !'"\\$`'.includes(next) ? c + next : next;
      i += 2;
    } else if (c === '`') {
      const close = raw.indexOf('`', i + 1);
      out += '${VAR}';
      i = close < 0 ? raw.length : close + 1;
    } else if (c === '$' && next === '(') {
      const end = pastMatching(raw, i + 1, '(', ')');
      out +=
        raw[i + 2] === '('
          ? '${VAR}'
          : `\${${raw.slice(i + 2, end - 1).replace(/\s+/g, '')}}`;
      i = end;
    } else if (c === '$' && next === '{') {
      const end = pastMatching(raw, i + 1, '{', '}');
      out += raw.slice(i, end);
      i = end;
    } else if (c === '$') {
      const name = /^\$([A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])/.exec(
        raw.slice(i, i + 256),
      );
      out += name ? `\${${name[1]}}` : c;
      i += name ? name[0].length : 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/**
 * The arguments of `command` as hadolint renders them (see `hadolintText`),
 * read from the instruction's own text where the words can be found in it.
 */
export function hadolintArgs(
  command: ShellCommand,
  instruction: Instruction,
): string[] {
  const script =
    instruction.keyword === 'ONBUILD'
      ? instruction.trigger?.args
      : instruction.shell?.kind === 'posix'
      ? instruction.shell.text
      : undefined;
  return command.args.map((arg, i) => {
    const word = command.words[i + 1];
    if (
      script === undefined ||
      word === undefined ||
      word.value !== arg ||
      word.end <= word.start
    )
      return hadolintText(arg);
    return hadolintText(script.slice(word.start, word.end));
  });
}

/** Arguments that are not flags, as hadolint reads them (`-` and `--` are arguments). */
export function argsNoFlags(command: ShellCommand): string[] {
  return command.args.filter(isArgument);
}

function isArgument(arg: string): boolean {
  return arg === '-' || arg === '--' || arg[0] !== '-';
}

/** Letters, digits and `.~^_:+`: what an rpm version part may hold. */
const VERSION_PART = /^[A-Za-z0-9.~^_:+]*$/;

/**
 * Whether `name-version` pins a package as hadolint's DL3033 / DL3041 read it:
 * some dash, then either an `.rpm` file, a variable the Dockerfile declares
 * (`git-core-${version}`), or parts after the first dash made only of version
 * characters, one of them starting with a digit (`gcc-c++-1.1.1`, `openssl-1:1.1.1k`).
 */
export function isPinnedRpm(
  pkg: string,
  declared: ReadonlySet<string>,
): boolean {
  const parts = pkg.split('-');
  if (parts.length <= 1) return false;
  if (pkg.endsWith('.rpm')) return true;
  if (pkg.includes('$'))
    return [...declared].some(name => pkg.includes(`\${${name}}`));
  const rest = parts.slice(1);
  return (
    rest.every(p => VERSION_PART.test(p)) && rest.some(p => /^[0-9]/.test(p))
  );
}

/**
 * The name part of a FROM's image, as hadolint's Dockerfile reader takes it:
 * without a registry (text up to the first `/` after a `.`), a tag or a digest
 * (`${…}` is opaque). This is what it compares with stage names.
 */
export function imageNameOf(image: string): string {
  const dot = image.indexOf('.');
  const slash = dot < 0 ? -1 : image.indexOf('/', dot);
  const name = slash < 0 ? image : image.slice(slash + 1);
  let depth = 0;
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (c === '{' && name[i - 1] === '$') depth++;
    else if (c === '}' && depth > 0) depth--;
    else if ((c === ':' || c === '@') && depth === 0) return name.slice(0, i);
  }
  return name;
}

/**
 * For each RUN, the variable names a package may use and still count as
 * pinned, following hadolint's reading: every ARG declared earlier in the
 * file (in any stage), and the ENVs of the current stage, inherited through
 * `FROM <stage name>` but not from an unrelated stage. ONBUILD triggers get none.
 */
function declaredNames(
  instructions: readonly Instruction[],
): Map<Instruction, ReadonlySet<string>> {
  const declared = new Map<Instruction, ReadonlySet<string>>();
  const args = new Set<string>();
  const envs: Array<Set<string>> = [new Set()];
  const aliases: string[] = [''];
  for (const instruction of instructions) {
    const current = envs[envs.length - 1];
    switch (instruction.keyword) {
      case 'FROM': {
        const [image = '', as, alias] = instruction.words.map(w => w.value);
        const base = aliases.indexOf(imageNameOf(image));
        envs.push(new Set(base >= 0 ? envs[base] : []));
        aliases.push(as?.toLowerCase() === 'as' && alias ? alias : '');
        break;
      }
      case 'ENV':
        for (const [name] of keyValues(instruction)) current.add(name);
        break;
      case 'ARG':
        for (const [name] of keyValues(instruction)) args.add(name);
        break;
      case 'RUN':
        declared.set(instruction, new Set([...current, ...args]));
        break;
      default:
    }
  }
  return declared;
}

/**
 * "Specify versions" for an rpm-based manager (yum, dnf): one finding per RUN
 * (or `ONBUILD RUN`) naming every package without `-version` and every module
 * without `:stream`.
 */
export function rpmPinRule(options: {
  id: string;
  programs: readonly string[];
  /** Subcommands whose packages are not judged (dnf's `group`). */
  skipped: readonly string[];
  equivalents: string[];
  example: string;
}): Rule {
  const manager = options.programs.join('/');
  return {
    id: options.id,
    title: `${manager} packages not pinned`,
    category: 'correctness',
    severity: 'warning',
    equivalents: options.equivalents,
    description: `Unpinned ${manager} packages install whatever version the repositories serve at build time, so two builds of one commit can differ. Name the version (${options.example}), or the stream of a module (\`${options.programs[0]} module install nodejs:20\`).`,
    docsUrl: `https://github.com/hadolint/hadolint/wiki/${options.equivalents[0]}`,
    check({ model }) {
      const hits: RuleHit[] = [];
      const declared = declaredNames(model.instructions);
      const none: ReadonlySet<string> = new Set();
      for (const instruction of model.instructions) {
        if (
          instruction.keyword !== 'RUN' &&
          instruction.trigger?.keyword !== 'RUN'
        )
          continue;
        const names = declared.get(instruction) ?? none;
        const unpinned: Array<{
          command: ShellCommand;
          arg: string;
          fix: string;
        }> = [];
        for (const command of commandsWithOnbuild(instruction)) {
          if (!hasArgs(command, options.programs, ['install'])) continue;
          const isModule = command.args.includes('module');
          if (!isModule && options.skipped.some(s => command.args.includes(s)))
            continue;
          const rendered = hadolintArgs(command, instruction);
          for (const [i, arg] of command.args.entries()) {
            if (!isArgument(arg) || arg === 'install' || arg === 'module')
              continue;
            const text = rendered[i];
            if (isModule) {
              if (!text.includes(':'))
                unpinned.push({ command, arg, fix: `${arg}:STREAM` });
            } else if (!isPinnedRpm(text, names)) {
              unpinned.push({ command, arg, fix: `${arg}-X.Y.Z` });
            }
          }
        }
        if (unpinned.length === 0) continue;
        // The fixed line shows where the version goes; which version is the user's choice.
        const used = new Set<ShellWord>();
        const placeholders =
          instruction.keyword === 'RUN'
            ? compact(
                unpinned.map(({ command, arg, fix }) => {
                  const word = command.words
                    .slice(1)
                    .find(w => w.value === arg && !used.has(w));
                  if (word) used.add(word);
                  return replaceWord(instruction, word, fix);
                }),
              )
            : [];
        hits.push({
          instruction,
          message: `${manager} install of unpinned packages: ${unpinned
            .map(u => u.arg)
            .join(', ')}`,
          summary: `Pin each package to the version you tested, e.g. ${options.example}.`,
          ...(placeholders.length === unpinned.length
            ? { after: applyEditsTo(model, instruction, placeholders) }
            : {}),
        });
      }
      return hits;
    },
  };
}
