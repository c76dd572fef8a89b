import type { ShellCommand } from '../../dockerfile/shell';
import { isCommand, programOf } from '../support';
import { isPipInstall } from '../size/pip-no-cache-dir';

/** An ecosystem whose dependency install should be cached apart from the sources. */
export interface Ecosystem {
  name: string;
  /** Files that describe the dependencies: copy these first. */
  manifests: string[];
  installs(command: ShellCommand): boolean;
  /** Where its downloads go, for a cache mount. */
  cache: string;
}

// Subcommand lists built once: every rule that looks for an install asks each
// ecosystem of every command, and a literal in `installs` was an array per ask.
const NPM_INSTALLS = ['ci', 'install', 'i'];
const PNPM_INSTALLS = ['install', 'i'];
const MAVEN = ['mvn', 'mvnw'];
const MAVEN_INSTALLS = [
  'dependency:go-offline',
  'dependency:resolve',
  'install',
  'package',
  'verify',
];
const CARGO_INSTALLS = ['fetch', 'build'];

export const ECOSYSTEMS: Ecosystem[] = [
  {
    name: 'npm',
    manifests: [
      'package.json',
      'package-lock.json',
      'package*.json',
      'npm-shrinkwrap.json',
    ],
    installs: c =>
      isCommand(c, 'npm', NPM_INSTALLS) &&
      c.args.filter(a => !a.startsWith('-')).length === 1,
    cache: '/root/.npm',
  },
  {
    name: 'yarn',
    manifests: ['package.json', 'yarn.lock', '.yarnrc.yml', '.yarn'],
    installs: c =>
      isCommand(c, 'yarn', 'install') ||
      (programOf(c) === 'yarn' &&
        c.args.filter(a => !a.startsWith('-')).length === 0),
    cache: '/usr/local/share/.cache/yarn',
  },
  {
    name: 'pnpm',
    manifests: ['package.json', 'pnpm-lock.yaml'],
    installs: c => isCommand(c, 'pnpm', PNPM_INSTALLS),
    cache: '/root/.local/share/pnpm/store',
  },
  {
    name: 'pip',
    manifests: [
      'requirements.txt',
      'requirements*.txt',
      'pyproject.toml',
      'setup.py',
      'setup.cfg',
      'Pipfile',
      'Pipfile.lock',
      'poetry.lock',
    ],
    installs: c =>
      isPipInstall(c) &&
      c.args.some(
        a => a === '-r' || a === '--requirement' || a === '.' || a === '-e',
      ),
    cache: '/root/.cache/pip',
  },
  {
    name: 'poetry',
    manifests: ['pyproject.toml', 'poetry.lock'],
    installs: c => isCommand(c, 'poetry', 'install'),
    cache: '/root/.cache/pypoetry',
  },
  {
    name: 'go',
    manifests: ['go.mod', 'go.sum'],
    installs: c => isCommand(c, 'go', 'mod') && c.args.includes('download'),
    cache: '/go/pkg/mod',
  },
  {
    name: 'bundler',
    manifests: ['Gemfile', 'Gemfile.lock'],
    installs: c => isCommand(c, 'bundle', 'install'),
    cache: '/usr/local/bundle/cache',
  },
  {
    name: 'composer',
    manifests: ['composer.json', 'composer.lock'],
    installs: c => isCommand(c, 'composer', 'install'),
    cache: '/tmp/cache',
  },
  {
    name: 'maven',
    manifests: ['pom.xml'],
    installs: c => isCommand(c, MAVEN, MAVEN_INSTALLS),
    cache: '/root/.m2',
  },
  {
    name: 'cargo',
    manifests: ['Cargo.toml', 'Cargo.lock'],
    installs: c => isCommand(c, 'cargo', CARGO_INSTALLS),
    cache: '/usr/local/cargo/registry',
  },
];

/** Glob manifests (`*.csproj`) compiled once, not on every COPY source. */
const manifestPatterns = new Map<string, RegExp>();

function manifestPattern(glob: string): RegExp {
  let pattern = manifestPatterns.get(glob);
  if (!pattern) {
    pattern = new RegExp(
      `^${glob.replace(/[.]/g, '\\.').replace(/\*/g, '.*')}$`,
    );
    manifestPatterns.set(glob, pattern);
  }
  return pattern;
}

/**
 * The ecosystems whose dependency manifest one of a COPY's sources names;
 * each source's file name is read once, not once per ecosystem.
 */
export function manifestEcosystems(sources: readonly string[]): Ecosystem[] {
  const found: Ecosystem[] = [];
  const names = sources.map(fileNameOf);
  for (const ecosystem of ECOSYSTEMS)
    if (names.some(name => isManifestName(name, ecosystem)))
      found.push(ecosystem);
  return found;
}

/** The last non-empty segment of a path: `./app/package.json/` → `package.json`. */
function fileNameOf(source: string): string {
  let end = source.length;
  while (end > 0 && source[end - 1] === '/') end--;
  return source.slice(source.lastIndexOf('/', end - 1) + 1, end);
}

function isManifestName(name: string, ecosystem: Ecosystem): boolean {
  return ecosystem.manifests.some(
    m => m === name || (m.includes('*') && manifestPattern(m).test(name)),
  );
}

/** `COPY . .`, `COPY ./ /app`, `ADD . /src`: the whole build context. */
export function isBroadCopy(sources: string[]): boolean {
  return sources.some(s => s === '.' || s === './' || s === '*' || s === './*');
}
