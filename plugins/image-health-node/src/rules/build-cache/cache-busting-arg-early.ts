import type { Rule, RuleHit, Edit } from '../types';
import type {
  DockerfileModel,
  Instruction,
  Stage,
} from '../../dockerfile/model';
import { sourceOf } from '../../dockerfile/model';
import {
  commandsOf,
  isCommand,
  keyValues,
  removeInstruction,
} from '../support';
import { isPipInstall } from '../size/pip-no-cache-dir';
import { ECOSYSTEMS } from './dependencies';

/**
 * Names whose value is new on every build: dates and times, commits, build
 * numbers, the release version, explicit cache busters. Tool versions
 * (`NODE_VERSION`, `GOSU_VERSION`) and checksums (`TINI_SHA256`) stay the same
 * from build to build and are not among them.
 */
const PER_BUILD_NAMES = new Set([
  'VERSION',
  'APP_VERSION',
  'BUILD_VERSION',
  'RELEASE_VERSION',
  'IMAGE_VERSION',
  'SERVICE_VERSION',
  'IMAGE_TAG',
  'BUILD_TAG',
  'GIT_TAG',
  'GIT_DESCRIBE',
  'SHA',
  'REF',
  'NOCACHE',
  'NO_CACHE',
  'RUN_ID',
  'RUN_NUMBER',
]);
const PER_BUILD_TOKENS = new Set([
  'DATE',
  'TIMESTAMP',
  'BUILDDATE',
  'BUILDTIME',
  'BUILDTIMESTAMP',
  'CACHEBUST',
  'CACHEBUSTER',
  'CACHEBUSTING',
  'BUST',
  'COMMIT',
  'GITCOMMIT',
  'GITSHA',
  'REVISION',
  'VCSREF',
]);
const SOURCE_TOKENS = new Set([
  'GIT',
  'VCS',
  'SOURCE',
  'CI',
  'GITHUB',
  'SHORT',
  'HEAD',
  'COMMIT',
]);

/** Names repeat across Dockerfiles (NODE_VERSION, TARGETARCH, …): judged once each. */
const judged = new Map<string, boolean>();

export function changesEveryBuild(name: string): boolean {
  let answer = judged.get(name);
  if (answer === undefined) {
    answer = judgeName(name);
    if (judged.size > 10_000) judged.clear();
    judged.set(name, answer);
  }
  return answer;
}

function judgeName(name: string): boolean {
  const upper = name.toUpperCase();
  if (PER_BUILD_NAMES.has(upper)) return true;
  const tokens = upper.split(/[^A-Z0-9]+/).filter(Boolean);
  const has = (...t: string[]) => tokens.some(x => t.includes(x));
  if (tokens.some(t => PER_BUILD_TOKENS.has(t))) return true;
  if (has('SHA', 'HASH', 'REF') && tokens.some(t => SOURCE_TOKENS.has(t)))
    return true;
  if (has('TIME') && has('BUILD')) return true;
  if (has('NUMBER', 'NUM', 'ID') && has('BUILD', 'PIPELINE', 'JOB', 'RUN'))
    return true;
  return false;
}

/** A RUN that downloads and installs dependencies: the step worth keeping cached. */
export function installsDependencies(instruction: Instruction): boolean {
  return commandsOf(instruction).some(
    c =>
      isCommand(
        c,
        ['apt-get', 'apt', 'aptitude'],
        ['install', 'upgrade', 'dist-upgrade', 'build-dep'],
      ) ||
      isCommand(c, 'apk', ['add', 'upgrade']) ||
      isCommand(
        c,
        ['yum', 'dnf', 'microdnf', 'tdnf'],
        ['install', 'upgrade', 'update', 'groupinstall'],
      ) ||
      isCommand(c, 'zypper', ['install', 'in']) ||
      isPipInstall(c) ||
      isCommand(c, 'gem', ['install', 'i']) ||
      isCommand(c, 'go', ['install', 'get']) ||
      isCommand(c, 'npm', ['ci', 'install', 'i']) ||
      ECOSYSTEMS.some(e => e.installs(c)),
  );
}

/** Whether the instruction's text uses `$name` or `${name…}` (the model keeps no list of references). */
function references(text: string, names: string[]): boolean {
  if (!text.includes('$')) return false;
  return names.some(name => {
    const n = name.replace(/[^A-Za-z0-9_]/g, '\\$&');
    return new RegExp(`\\$(\\{${n}\\b|${n}(?![A-Za-z0-9_]))`).test(text);
  });
}

/** ARG/ENV declarations of a stage whose value is new on every build, grouped with the ENVs built from them. */
function perBuildGroups(
  model: DockerfileModel,
  stage: Stage,
): Array<{ members: Instruction[]; names: string[] }> {
  const groups: Array<{ members: Instruction[]; names: string[] }> = [];
  for (const instruction of stage.instructions) {
    if (instruction.keyword !== 'ARG' && instruction.keyword !== 'ENV')
      continue;
    // Most files declare nothing per-build: no ENV needs reading then.
    if (instruction.keyword === 'ENV' && groups.length === 0) continue;
    if (instruction.keyword === 'ARG') {
      // `ARG NAME` or `ARG NAME=default`, possibly several.
      const words = instruction.words;
      let busting = false;
      for (let w = 0; w < words.length && !busting; w++) {
        const eq = words[w].value.indexOf('=');
        busting = changesEveryBuild(
          eq < 0 ? words[w].value : words[w].value.slice(0, eq),
        );
      }
      if (busting)
        groups.push({
          members: [instruction],
          names: keyValues(instruction).map(([name]) => name),
        });
      continue;
    }
    const names = keyValues(instruction).map(([name]) => name);
    // An ENV takes a new value on every build when it is built from a per-build declaration.
    const text = sourceOf(model, instruction);
    const joined = groups.filter(g => references(text, g.names));
    if (joined.length === 0) continue;
    const merged = {
      members: [...joined.flatMap(g => g.members), instruction].sort(
        (a, b) => a.index - b.index,
      ),
      names: [...joined.flatMap(g => g.names), ...names],
    };
    for (const g of joined) groups.splice(groups.indexOf(g), 1);
    groups.push(merged);
  }
  return groups;
}

function lineStart(model: DockerfileModel, instruction: Instruction): number {
  return model.lineStarts[instruction.line - 1] ?? instruction.start;
}

function describe(instructions: Instruction[]): string {
  const shown = instructions
    .slice(0, 3)
    .map(i => `line ${i.line}`)
    .join(', ');
  return instructions.length > 3
    ? `${shown} and ${instructions.length - 3} more`
    : shown;
}

export const rule: Rule = {
  id: 'cache-busting-arg-early',
  title: 'Per-build ARG/ENV declared before the dependency installs',
  category: 'build-cache',
  severity: 'warning',
  equivalents: [],
  description:
    'A build argument whose value changes on every build (BUILD_DATE, GIT_COMMIT, VERSION, BUILD_NUMBER, CACHEBUST, …) invalidates the cache of every RUN after its ARG in the stage, used or not, and an ENV built from it invalidates every instruction after it. Declared above `apt-get install` / `npm ci` / `pip install`, it makes every build reinstall the dependencies. Declare it just before the first instruction that uses it, after the installs.',
  docsUrl:
    'https://docs.docker.com/reference/dockerfile/#impact-on-build-caching',
  check({ model }) {
    const hits: RuleHit[] = [];
    for (const stage of model.stages) {
      for (const { members, names } of perBuildGroups(model, stage)) {
        const first = members[0];
        const after = stage.instructions.filter(
          i => i.index > first.index && !members.includes(i),
        );
        // An install that uses the value has to re-run when it changes anyway.
        const installs = after.filter(
          i =>
            i.keyword === 'RUN' &&
            installsDependencies(i) &&
            !references(sourceOf(model, i), names),
        );
        if (installs.length === 0) continue;
        const use = after.find(i => references(sourceOf(model, i), names));
        const moved = members.filter(m => !use || m.index < use.index);
        const shown = moved.map(m => sourceOf(model, m)).join('\n');
        const beforeUse = use
          ? installs.filter(i => i.index < use.index)
          : installs;
        const afterUse = use ? installs.filter(i => i.index > use.index) : [];
        const label = `${first.keyword} ${
          names.find(changesEveryBuild) ?? names[0]
        }`;
        const message = `${label} changes on every build and is declared before the dependency installs at ${describe(
          installs,
        )}: each build re-runs them`;
        if (use && beforeUse.length > 0 && afterUse.length === 0) {
          // Mechanical: the declarations move, in order, to just above their first use.
          const at = lineStart(model, use);
          const eol = model.text.includes('\r\n') ? '\r\n' : '\n';
          const edits: Edit[] = [
            ...moved.map(m => removeInstruction(model, m)),
            {
              start: at,
              end: at,
              // Keep the file's line endings.
              text: moved.map(m => `${sourceOf(model, m)}${eol}`).join(''),
            },
          ];
          hits.push({
            instruction: first,
            message,
            summary: `Declare it just before its first use (line ${use.line}), after the installs.`,
            edits,
            before: [
              shown,
              ...installs.map(i => sourceOf(model, i)),
              '…',
              sourceOf(model, use),
            ].join('\n'),
            after: [
              ...installs.map(i => sourceOf(model, i)),
              shown,
              sourceOf(model, use),
            ].join('\n'),
          });
          continue;
        }
        hits.push({
          instruction: first,
          message,
          summary: use
            ? `Line ${use.line} uses it before the installs at ${describe(
                afterUse,
              )}: move that step and the declaration below the installs (or into a later stage).`
            : 'No instruction names it: declare it at the end of the stage, or where a script reads it, after the installs.',
          before: [shown, ...installs.map(i => sourceOf(model, i))].join('\n'),
          after: [
            ...installs.map(i => sourceOf(model, i)),
            shown,
            ...(use ? [sourceOf(model, use)] : []),
          ].join('\n'),
        });
      }
    }
    return hits;
  },
};
