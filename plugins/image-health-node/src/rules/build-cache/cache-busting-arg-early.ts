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
  variablesUsedIn,
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
/** Names kept in `judged`, and the longest kept: a file's names must not fill the process's memory. */
const JUDGED_NAMES = 10_000;
const JUDGED_NAME_LENGTH = 64;

export function changesEveryBuild(name: string): boolean {
  let answer = judged.get(name);
  if (answer === undefined) {
    answer = judgeName(name);
    if (name.length > JUDGED_NAME_LENGTH) return answer;
    if (judged.size >= JUDGED_NAMES) judged.clear();
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

// Programs and subcommands installsDependencies asks every command about, built once.
const APT = ['apt-get', 'apt', 'aptitude'];
const APT_INSTALLS = ['install', 'upgrade', 'dist-upgrade', 'build-dep'];
const APK_INSTALLS = ['add', 'upgrade'];
const RPM = ['yum', 'dnf', 'microdnf', 'tdnf'];
const RPM_INSTALLS = ['install', 'upgrade', 'update', 'groupinstall'];
const ZYPPER_INSTALLS = ['install', 'in'];
const GEM_INSTALLS = ['install', 'i'];
const GO_INSTALLS = ['install', 'get'];
const NPM_INSTALLS = ['ci', 'install', 'i'];

/** A RUN that downloads and installs dependencies: the step worth keeping cached. */
export function installsDependencies(instruction: Instruction): boolean {
  return commandsOf(instruction).some(
    c =>
      isCommand(c, APT, APT_INSTALLS) ||
      isCommand(c, 'apk', APK_INSTALLS) ||
      isCommand(c, RPM, RPM_INSTALLS) ||
      isCommand(c, 'zypper', ZYPPER_INSTALLS) ||
      isPipInstall(c) ||
      isCommand(c, 'gem', GEM_INSTALLS) ||
      isCommand(c, 'go', GO_INSTALLS) ||
      isCommand(c, 'npm', NPM_INSTALLS) ||
      ECOSYSTEMS.some(e => e.installs(c)),
  );
}

/** Groups reported per stage: past them a hostile file (thousands of ARG lines) costs no more. */
const MAX_GROUPS_PER_STAGE = 50;

/** The variables each instruction of a stage expands, each text read once. */
function variableUses(model: DockerfileModel) {
  const cache = new Map<Instruction, Set<string>>();
  return (instruction: Instruction): Set<string> => {
    let used = cache.get(instruction);
    if (!used) {
      const text = sourceOf(model, instruction);
      used = text.includes('$')
        ? variablesUsedIn(text, { operators: true })
        : new Set();
      cache.set(instruction, used);
    }
    return used;
  };
}

function usesAny(used: Set<string>, names: Set<string>): boolean {
  const [small, large] =
    used.size <= names.size ? [used, names] : [names, used];
  for (const name of small) if (large.has(name)) return true;
  return false;
}

interface PerBuildGroup {
  members: Instruction[];
  names: Set<string>;
  /** The per-build name the finding is about: the one of the earliest declaration merged in. */
  label: string;
  /** When the group was made or last grew: the order findings come in. */
  seq: number;
}

/**
 * ARG/ENV declarations of a stage whose value is new on every build, grouped
 * with the ENVs built from them. Linear in the stage: each ENV looks up the
 * groups of the names it uses, and a merge moves the smaller groups into the
 * largest.
 */
function perBuildGroups(
  stage: Stage,
  usesOf: (instruction: Instruction) => Set<string>,
): PerBuildGroup[] {
  const byName = new Map<string, Set<PerBuildGroup>>();
  const live = new Set<PerBuildGroup>();
  let seq = 0;
  const track = (group: PerBuildGroup, names: Iterable<string>) => {
    for (const name of names) {
      let groups = byName.get(name);
      if (!groups) byName.set(name, (groups = new Set()));
      groups.add(group);
    }
  };
  for (const instruction of stage.instructions) {
    if (instruction.keyword !== 'ARG' && instruction.keyword !== 'ENV')
      continue;
    // Most files declare nothing per-build: no ENV needs reading then.
    if (instruction.keyword === 'ENV' && live.size === 0) continue;
    const names: string[] = [];
    for (const pair of keyValues(instruction)) names.push(pair[0]);
    if (instruction.keyword === 'ARG') {
      // `ARG NAME` or `ARG NAME=default`, possibly several.
      const label = names.find(changesEveryBuild);
      if (label === undefined) continue;
      const group = {
        members: [instruction],
        names: new Set(names),
        label,
        seq: seq++,
      };
      live.add(group);
      track(group, names);
      continue;
    }
    // An ENV takes a new value on every build when it is built from a per-build declaration.
    const joined = new Set<PerBuildGroup>();
    for (const name of usesOf(instruction))
      for (const group of byName.get(name) ?? []) joined.add(group);
    if (joined.size === 0) continue;
    const ordered = [...joined].sort((a, b) => a.seq - b.seq);
    const into = ordered.reduce((a, b) =>
      b.members.length + b.names.size > a.members.length + a.names.size ? b : a,
    );
    for (const group of ordered) {
      if (group === into) continue;
      for (const name of group.names) {
        byName.get(name)!.delete(group);
        into.names.add(name);
      }
      track(into, group.names);
      into.members.push(...group.members);
      live.delete(group);
    }
    into.members.push(instruction);
    for (const name of names) into.names.add(name);
    track(into, names);
    into.label = ordered[0].label;
    into.seq = seq++;
  }
  return [...live]
    .sort((a, b) => a.seq - b.seq)
    .slice(0, MAX_GROUPS_PER_STAGE)
    .map(group => ({
      ...group,
      members: group.members.sort((a, b) => a.index - b.index),
    }));
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
    const usesOf = variableUses(model);
    for (const stage of model.stages) {
      const groups = perBuildGroups(stage, usesOf);
      if (groups.length === 0) continue;
      const stageInstalls = stage.instructions.filter(
        i => i.keyword === 'RUN' && installsDependencies(i),
      );
      const expanding = stage.instructions.filter(i => usesOf(i).size > 0);
      for (const group of groups) {
        const hit = groupHit(model, group, stageInstalls, expanding, usesOf);
        if (hit) hits.push(hit);
      }
    }
    return hits;
  },
};

/**
 * The finding for one group of per-build declarations, when dependency
 * installs that do not use its value come after it: a mechanical move to just
 * above the first use when every such install comes before that use, advice
 * otherwise.
 */
function groupHit(
  model: DockerfileModel,
  { members, names, label: name }: PerBuildGroup,
  stageInstalls: readonly Instruction[],
  expanding: readonly Instruction[],
  usesOf: (instruction: Instruction) => Set<string>,
): RuleHit | undefined {
  const first = members[0];
  const memberSet = new Set(members);
  // An install that uses the value has to re-run when it changes anyway.
  const installs = stageInstalls.filter(
    i => i.index > first.index && !usesAny(usesOf(i), names),
  );
  if (installs.length === 0) return undefined;
  const use = expanding.find(
    i =>
      i.index > first.index && !memberSet.has(i) && usesAny(usesOf(i), names),
  );
  const moved = members.filter(m => !use || m.index < use.index);
  const shown = moved.map(m => sourceOf(model, m)).join('\n');
  const beforeUse = use ? installs.filter(i => i.index < use.index) : installs;
  const afterUse = use ? installs.filter(i => i.index > use.index) : [];
  const label = `${first.keyword} ${name}`;
  const message = `${label} changes on every build and is declared before the dependency installs at ${describe(
    installs,
  )}: each build re-runs them`;
  if (use && beforeUse.length > 0 && afterUse.length === 0)
    return movedToUseHit(model, first, message, moved, shown, installs, use);
  return {
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
  };
}

/**
 * Mechanical: the declarations (`moved`, shown as `shown`) move, in order, to
 * just above their first use, after the installs.
 */
function movedToUseHit(
  model: DockerfileModel,
  first: Instruction,
  message: string,
  moved: readonly Instruction[],
  shown: string,
  installs: readonly Instruction[],
  use: Instruction,
): RuleHit {
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
  return {
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
  };
}
