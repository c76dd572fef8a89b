import type { ImageReference } from '../../dockerfile/model';
import {
  END_OF_LIFE_TABLE,
  END_OF_LIFE_TABLE_DATE,
  type EndOfLifeProduct,
} from './endOfLifeTable';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Debian and Ubuntu release names as they appear in image tags. */
const DEBIAN_CODENAMES: Record<string, string> = {
  jessie: '8',
  stretch: '9',
  buster: '10',
  bullseye: '11',
  bookworm: '12',
  trixie: '13',
};
const UBUNTU_CODENAMES: Record<string, string> = {
  trusty: '14.04',
  xenial: '16.04',
  bionic: '18.04',
  focal: '20.04',
  jammy: '22.04',
  kinetic: '22.10',
  lunar: '23.04',
  mantic: '23.10',
  noble: '24.04',
  oracular: '24.10',
};
/** Node.js LTS code names, which the node image also publishes as tags. */
const NODE_CODENAMES: Record<string, string> = {
  dubnium: '10',
  erbium: '12',
  fermium: '14',
  gallium: '16',
  hydrogen: '18',
  iron: '20',
  jod: '22',
  krypton: '24',
};

/** How a product's tags name its cycle, and which variants its newer tags still publish. */
interface ProductTags {
  /** Version parts that make a cycle (`3.11` for python → 2, `18` for node → 1). */
  cycleParts: number | ((parts: number[]) => number);
  codenames?: Record<string, string>;
  /** Tag variants (after the version, `-` separated) that every newer cycle publishes too. */
  variants: string[];
  /** A supported tag to move to when no numbered cycle is recommended (nginx's `stable`). */
  movingTag?: string;
  /** A major upgrade needs more than a new FROM line. */
  upgradeNote?: string;
  /** Where to go when the product itself has no supported cycle. */
  alternative?: string;
  label: string;
}

const DATABASE_NOTE =
  'a major version of a database reads its data directory only after a migration (pg_upgrade, or dump and restore)';

const PRODUCTS: Record<string, ProductTags> = {
  node: {
    label: 'Node.js',
    cycleParts: 1,
    codenames: NODE_CODENAMES,
    variants: ['slim', 'alpine'],
  },
  python: { label: 'Python', cycleParts: 2, variants: ['slim', 'alpine'] },
  golang: { label: 'Go', cycleParts: 2, variants: ['alpine'] },
  ruby: { label: 'Ruby', cycleParts: 2, variants: ['slim', 'alpine'] },
  php: {
    label: 'PHP',
    cycleParts: 2,
    variants: ['cli', 'fpm', 'apache', 'zts', 'alpine'],
  },
  'eclipse-temurin': {
    label: 'Eclipse Temurin (Java)',
    cycleParts: 1,
    variants: ['jre', 'jdk', 'alpine'],
  },
  amazoncorretto: {
    label: 'Amazon Corretto (Java)',
    cycleParts: 1,
    variants: ['alpine'],
  },
  dotnet: { label: '.NET', cycleParts: 2, variants: ['alpine'] },
  debian: {
    label: 'Debian',
    cycleParts: 1,
    codenames: DEBIAN_CODENAMES,
    variants: ['slim'],
  },
  ubuntu: {
    label: 'Ubuntu',
    cycleParts: 2,
    codenames: UBUNTU_CODENAMES,
    variants: [],
  },
  alpine: { label: 'Alpine Linux', cycleParts: 2, variants: [] },
  centos: {
    label: 'CentOS Linux',
    cycleParts: 1,
    variants: [],
    alternative:
      'a maintained RHEL-compatible base such as almalinux:9 or rockylinux:9 (yum and dnf commands keep working)',
  },
  rockylinux: { label: 'Rocky Linux', cycleParts: 1, variants: [] },
  almalinux: { label: 'AlmaLinux', cycleParts: 1, variants: [] },
  nginx: {
    label: 'nginx',
    cycleParts: 2,
    variants: ['alpine', 'perl'],
    movingTag: 'stable',
  },
  postgres: {
    label: 'PostgreSQL',
    // 9.6 is a major version; from 10 on the first number is.
    cycleParts: parts => (parts[0] < 10 ? 2 : 1),
    variants: ['alpine'],
    upgradeNote: DATABASE_NOTE,
  },
  mysql: {
    label: 'MySQL',
    cycleParts: 2,
    variants: ['oracle'],
    upgradeNote: DATABASE_NOTE,
  },
  redis: { label: 'Redis', cycleParts: 2, variants: ['alpine'] },
};

const DOCKER_HUB = new Set([
  'docker.io',
  'index.docker.io',
  'registry-1.docker.io',
]);
const DOTNET_REPOSITORIES = new Set([
  'dotnet/sdk',
  'dotnet/aspnet',
  'dotnet/runtime',
  'dotnet/runtime-deps',
  'dotnet/core/sdk',
  'dotnet/core/aspnet',
  'dotnet/core/runtime',
  'dotnet/core/runtime-deps',
]);
const ALIASES: Record<string, string> = {
  'rockylinux/rockylinux': 'rockylinux',
  'almalinux/almalinux': 'almalinux',
};

/** Which product of the table an image is, by its official repository only. */
export function productOf(image: ImageReference): string | undefined {
  const registry = image.registry?.toLowerCase();
  const repository = image.repository.toLowerCase();
  if (registry === 'mcr.microsoft.com')
    return DOTNET_REPOSITORIES.has(repository) ? 'dotnet' : undefined;
  if (registry !== undefined && !DOCKER_HUB.has(registry)) return undefined;
  const name = repository.replace(/^library\//, '');
  const product = ALIASES[name] ?? name;
  return product in PRODUCTS ? product : undefined;
}

/** `3.11.4` → [3, 11, 4]; undefined unless the text is dot-separated numbers. */
function versionParts(text: string): number[] | undefined {
  if (!/^\d{1,6}(\.\d{1,6}){0,3}$/.test(text)) return undefined;
  return text.split('.').map(Number);
}

export function compareCycles(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The distribution a variant token names (`bullseye`, `focal`, `alpine3.18`). */
function distributionOf(
  token: string,
): { product: string; cycle: string } | undefined {
  if (DEBIAN_CODENAMES[token])
    return { product: 'debian', cycle: DEBIAN_CODENAMES[token] };
  if (UBUNTU_CODENAMES[token])
    return { product: 'ubuntu', cycle: UBUNTU_CODENAMES[token] };
  const alpine = /^alpine(\d{1,2}\.\d{1,3})$/.exec(token);
  if (alpine) return { product: 'alpine', cycle: alpine[1] };
  return undefined;
}

/** The table's end of life for one cycle of a product. */
export interface EndOfLife {
  product: string;
  label: string;
  cycle: string;
  eol: Date;
  /** endoflife.date product the date comes from. */
  source: string;
}

/** A base image's cycle and, when known, the tag to move to. */
export interface BaseImageLifecycle {
  image: string;
  /** The product the repository is (`node`), whose own cycle may be missing from `cycles`. */
  product: string;
  /** The product's own cycle (`node` 18), then the distribution variant's (`-bullseye`), when known. */
  cycles: EndOfLife[];
  /** The tag variants after the version, distribution names removed. */
  variants: string[];
  /** Whether the tag is a Windows image (its variant cannot be dropped). */
  windows: boolean;
  /** How the user wrote the cycle: a code name keeps being a code name. */
  codename: boolean;
}

/** The table's end of life of one cycle; undefined when unknown or not yet fixed. */
export function endOfLife(
  product: string,
  cycle: string,
): EndOfLife | undefined {
  const entry: EndOfLifeProduct | undefined = END_OF_LIFE_TABLE[product];
  const found = entry?.cycles.find(c => c.cycle === cycle);
  if (!entry || !found || found.eol === null) return undefined;
  return {
    product,
    label: PRODUCTS[product].label,
    cycle,
    eol: new Date(`${found.eol}T00:00:00Z`),
    source: entry.source,
  };
}

/** What a tag says: the product cycle, the full version, variants and the distribution it pins. */
export interface TagReading {
  cycle: string;
  /** The whole version when the tag is numeric (`18.20.4` → [18, 20, 4]); undefined for code names. */
  version?: number[];
  /** Variants after the version (`slim`, `alpine`, `jre`), distribution names and date stamps removed. */
  variants: string[];
  /** Distribution releases the tag pins (`-bullseye`, `-alpine3.19`). */
  distributions: Array<{ product: string; cycle: string }>;
  windows: boolean;
  codename: boolean;
}

/**
 * Reads one tag of a product of the table: `18-alpine` is Node.js 18, alpine;
 * `3.9-slim-buster` is Python 3.9, slim, on Debian 10. Moving tags (`latest`,
 * `lts`, `3`, `stable`) and pre-releases give undefined.
 */
export function readTag(
  product: string,
  rawTag: string,
): TagReading | undefined {
  const spec = PRODUCTS[product];
  if (!spec) return undefined;
  const tag = rawTag.toLowerCase().slice(0, 128);
  const [first, ...rest] = tag.split('-');
  // `centos7`, `centos8` are CentOS's own spellings of 7 and 8.
  const head =
    product === 'centos' ? first.replace(/^centos(?=\d)/, '') : first;
  let cycle: string;
  let version: number[] | undefined;
  const codename = spec.codenames?.[head];
  if (codename) cycle = codename;
  else {
    // Numbers after `_` are build numbers (`17.0.9_9`).
    const written = head.split('_')[0];
    version = versionParts(written);
    if (!version) return undefined;
    const count =
      typeof spec.cycleParts === 'number'
        ? spec.cycleParts
        : spec.cycleParts(version);
    if (version.length < count) return undefined; // `python:3` moves with 3.x
    // As written: Ubuntu's `20.04` keeps its zero.
    cycle = written.split('.').slice(0, count).join('.');
  }
  if (rest.some(t => /^(rc\d*|ea|beta\d*|alpha\d*)$/.test(t))) return undefined;
  const variants: string[] = [];
  const distributions: TagReading['distributions'] = [];
  for (const token of rest) {
    const distribution = distributionOf(token);
    if (distribution) distributions.push(distribution);
    // `alpine3.19` is still the alpine variant, on a release that moves on.
    if (/^alpine\d/.test(token)) variants.push('alpine');
    else if (distribution) continue;
    else if (!/^\d{6,8}$/.test(token)) variants.push(token); // date stamps move on
  }
  return {
    cycle,
    version,
    variants,
    distributions,
    windows: rest.some(t => /^(nanoserver|windowsservercore|ltsc)/.test(t)),
    codename: codename !== undefined,
  };
}

// Several rules ask about the same FROM image: its tag is read once per image reference.
const lifecycles = new WeakMap<
  ImageReference,
  BaseImageLifecycle | undefined
>();

/**
 * The life cycle of a FROM image, read from its tag: `node:18-alpine` is
 * Node.js 18; `python:3.9-slim-buster` is Python 3.9 on Debian 10. Moving tags
 * (`latest`, `lts`, `3`, `stable`), pre-releases, unknown repositories and
 * unresolved ARGs give undefined: nothing is said about what cannot be known.
 */
export function lifecycleOf(
  image: ImageReference,
): BaseImageLifecycle | undefined {
  if (lifecycles.has(image)) return lifecycles.get(image);
  const lifecycle = readLifecycle(image);
  lifecycles.set(image, lifecycle);
  return lifecycle;
}

function readLifecycle(image: ImageReference): BaseImageLifecycle | undefined {
  if (image.unresolved || !image.tag) return undefined;
  const product = productOf(image);
  if (!product) return undefined;
  const reading = readTag(product, image.tag);
  if (!reading) return undefined;
  const cycles: EndOfLife[] = [];
  const own = endOfLife(product, reading.cycle);
  if (own) cycles.push(own);
  for (const d of reading.distributions) {
    const cycle = endOfLife(d.product, d.cycle);
    if (cycle) cycles.push(cycle);
  }
  if (cycles.length === 0) return undefined;
  return {
    image: image.resolved,
    product,
    cycles,
    variants: reading.variants,
    windows: reading.windows,
    codename: reading.codename,
  };
}

/** Days from `now` to the end of life; negative once it has passed. */
export function daysLeft(eol: Date, now: Date): number {
  return Math.floor((eol.getTime() - now.getTime()) / DAY_MS);
}

/**
 * The cycle to move to: the oldest newer cycle with at least a year of support
 * left (LTS cycles only, for products that have them), else the one supported
 * longest. The smallest step that buys a year.
 */
export function recommendedCycle(
  product: string,
  current: string,
  now: Date,
): { cycle: string; eol: string | null } | undefined {
  const cycles = END_OF_LIFE_TABLE[product]?.cycles ?? [];
  const hasLts = cycles.some(c => c.lts);
  // Days of support left; a cycle without a fixed end counts as open-ended.
  const left = (eol: string | null) =>
    eol === null ? Infinity : daysLeft(new Date(`${eol}T00:00:00Z`), now);
  const candidates = cycles
    .filter(c => (!hasLts || c.lts) && compareCycles(c.cycle, current) > 0)
    .filter(c => left(c.eol) > 90)
    .sort((a, b) => compareCycles(a.cycle, b.cycle));
  return (
    candidates.find(c => left(c.eol) >= 365) ??
    [...candidates].sort((a, b) => left(b.eol) - left(a.eol))[0]
  );
}

function codenameOf(product: string, cycle: string): string | undefined {
  const names = PRODUCTS[product].codenames ?? {};
  return Object.keys(names).find(name => names[name] === cycle);
}

/**
 * The image to move to for an end-of-life cycle, as `repository:tag` in the
 * user's own spelling of the repository; undefined when no tag is known to
 * exist (a Windows variant, a product without a supported cycle).
 */
export function replacementImage(
  image: ImageReference,
  lifecycle: BaseImageLifecycle,
  ended: EndOfLife,
  now: Date,
): { image: string; until?: string } | undefined {
  if (lifecycle.windows) return undefined;
  const repository = image.resolved.slice(
    0,
    image.resolved.length - (image.tag?.length ?? 0) - 1,
  );
  const product = lifecycle.product;
  const spec = PRODUCTS[product];
  const keep = lifecycle.variants.every(v => spec.variants.includes(v))
    ? lifecycle.variants
    : [];
  const suffix = keep.map(v => `-${v}`).join('');
  if (ended.product !== product) {
    // Only the distribution variant ended: the same version on the image's default distribution.
    const head = image.tag!.split('-')[0];
    return { image: `${repository}:${head}${suffix}` };
  }
  const next = recommendedCycle(product, ended.cycle, now);
  if (!next) {
    return spec.movingTag
      ? { image: `${repository}:${spec.movingTag}${suffix}` }
      : undefined;
  }
  // Debian and Ubuntu users write release names; other products' code names are aliases.
  const name =
    lifecycle.codename && (product === 'debian' || product === 'ubuntu')
      ? codenameOf(product, next.cycle)
      : undefined;
  return {
    image: `${repository}:${name ?? next.cycle}${suffix}`,
    until: next.eol ?? undefined,
  };
}

/** What a finding says about the table it read. */
export function tableNote(ended: EndOfLife): string {
  return `dates from endoflife.date/${ended.source}, table of ${END_OF_LIFE_TABLE_DATE}`;
}

/** The variants every newer cycle of a product publishes (`slim`, `alpine`, …). */
export function publishedVariants(product: string): readonly string[] {
  return PRODUCTS[product]?.variants ?? [];
}

/** What a product's upgrade needs beyond a new tag, and where to go without a supported cycle. */
export function productNotes(product: string): {
  upgradeNote?: string;
  alternative?: string;
} {
  const { upgradeNote, alternative } = PRODUCTS[product] ?? {};
  return { upgradeNote, alternative };
}
