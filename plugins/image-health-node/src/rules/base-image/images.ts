import type { DockerfileModel, Stage } from '../../dockerfile/model';
import { allCommands } from '../support';
import { smallerTag } from './known-images';

/** Stages that build on an image from a registry (not `scratch`, not an earlier stage). */
export function externalStages(model: DockerfileModel): Stage[] {
  return model.stages.filter(
    s =>
      s.baseStage === undefined &&
      s.image.resolved.toLowerCase() !== 'scratch' &&
      s.image.raw !== '',
  );
}

/** The user's FROM line with the image replaced. */
export function fromWithImage(stage: Stage, image: string): string {
  const platform = stage.platform ? `--platform=${stage.platform} ` : '';
  return `FROM ${platform}${image}${stage.name ? ` AS ${stage.name}` : ''}`;
}

/** The runtime each language's toolchain image should be swapped for in the final stage. */
export interface Toolchain {
  language: string;
  /** Image repositories (without registry) that carry a compiler. */
  matches(repository: string, tag: string): boolean;
  runtime: string;
}

export const TOOLCHAINS: Toolchain[] = [
  {
    language: 'Go',
    matches: r => r === 'golang' || r.endsWith('/golang'),
    runtime: 'gcr.io/distroless/static-debian12 (or scratch)',
  },
  {
    language: 'Rust',
    matches: r => r === 'rust' || r.endsWith('/rust'),
    runtime: 'gcr.io/distroless/cc-debian12 (or debian:bookworm-slim)',
  },
  {
    language: 'C/C++',
    matches: r => r === 'gcc' || r.endsWith('/gcc'),
    runtime: 'debian:bookworm-slim or gcr.io/distroless/cc-debian12',
  },
  {
    language: 'Java',
    matches: r =>
      r === 'maven' ||
      r === 'gradle' ||
      r.endsWith('/maven') ||
      r.endsWith('/gradle'),
    runtime: 'eclipse-temurin:<version>-jre',
  },
  {
    language: 'Java',
    matches: (r, t) =>
      (r === 'eclipse-temurin' || r === 'openjdk' || r === 'amazoncorretto') &&
      /jdk/.test(t),
    runtime: 'eclipse-temurin:<version>-jre',
  },
  {
    language: '.NET',
    matches: r => r === 'dotnet/sdk' || r === 'dotnet/core/sdk',
    runtime: 'mcr.microsoft.com/dotnet/runtime or aspnet',
  },
];

export function toolchainOf(stage: Stage): Toolchain | undefined {
  return TOOLCHAINS.find(t =>
    t.matches(stage.image.repository, stage.image.tag ?? ''),
  );
}

/** A heavy base image's size and the smaller images that can replace it. */
export interface BaseImageSizes {
  /** Compressed MB of the full image. */
  full: number;
  /** Smaller tags of the same repository: `<tag><suffix>`. */
  variants: Array<{ suffix: string; size: number }>;
  /**
   * For distributions without a smaller tag of their own: the image to move
   * to (`{tag}` is the user's tag), its size, and what changes with it.
   */
  alternative?: { image: string; size: number; caveat: string };
}

/**
 * Approximate compressed sizes (linux/amd64, MB, rounded) of common full images
 * and their smaller variants, kept by hand from the images' Docker Hub tag pages;
 * refresh when a new release ships. The EL "minimal" sizes follow Red Hat's
 * documented ubi-minimal figure (about 32 MB compressed, under half the standard
 * image: "Understanding the UBI minimal images", RHEL "Building, running and
 * managing containers"). ubuntu:22.04 / 24.04 are about 29 MB compressed (78 MB
 * unpacked; the seed guide's table says ~77 MB), alpine:3.20 about 3.6 MB.
 */
export const VARIANT_SIZES: Record<string, BaseImageSizes> = {
  node: {
    full: 390,
    variants: [
      { suffix: '-slim', size: 75 },
      { suffix: '-alpine', size: 55 },
    ],
  },
  python: {
    full: 370,
    variants: [
      { suffix: '-slim', size: 45 },
      { suffix: '-alpine', size: 20 },
    ],
  },
  ruby: {
    full: 360,
    variants: [
      { suffix: '-slim', size: 70 },
      { suffix: '-alpine', size: 40 },
    ],
  },
  golang: { full: 300, variants: [{ suffix: '-alpine', size: 80 }] },
  openjdk: { full: 330, variants: [{ suffix: '-slim', size: 220 }] },
  'eclipse-temurin': {
    full: 190,
    variants: [
      { suffix: '-jre', size: 90 },
      { suffix: '-jre-alpine', size: 60 },
    ],
  },
  debian: { full: 50, variants: [{ suffix: '-slim', size: 29 }] },
  ubuntu: {
    full: 29,
    variants: [],
    alternative: {
      image: 'alpine:3.20',
      size: 4,
      caveat: 'musl libc and apk instead of glibc and apt',
    },
  },
  centos: {
    full: 72,
    variants: [],
    alternative: {
      image: 'rockylinux:9-minimal',
      size: 40,
      caveat:
        'CentOS is end-of-life; Rocky Linux minimal has microdnf instead of yum',
    },
  },
  rockylinux: { full: 65, variants: [{ suffix: '-minimal', size: 40 }] },
  almalinux: { full: 70, variants: [{ suffix: '-minimal', size: 35 }] },
  oraclelinux: { full: 90, variants: [{ suffix: '-slim', size: 45 }] },
  fedora: {
    full: 60,
    variants: [],
    alternative: {
      image: 'registry.fedoraproject.org/fedora-minimal:{tag}',
      size: 40,
      caveat: 'microdnf instead of dnf',
    },
  },
  php: { full: 190, variants: [{ suffix: '-alpine', size: 35 }] },
  perl: { full: 340, variants: [{ suffix: '-slim', size: 45 }] },
  httpd: { full: 60, variants: [{ suffix: '-alpine', size: 20 }] },
  nginx: { full: 70, variants: [{ suffix: '-alpine', size: 20 }] },
  postgres: { full: 155, variants: [{ suffix: '-alpine', size: 105 }] },
};

const SMALL_MARKERS =
  /(slim|alpine|distroless|minimal|micro|nano|busybox|scratch|jre|chiseled)/;

/**
 * Whether the file needs glibc: it installs Debian packages (apt, dpkg) or
 * downloads a binary built for glibc. Such a file must not be moved to a musl
 * (Alpine) base.
 */
export function needsGlibc(model: DockerfileModel): boolean {
  return allCommands(model).some(
    ([command]) =>
      ['apt-get', 'apt', 'aptitude', 'dpkg'].includes(command.program) ||
      command.args.some(a => /linux-gnu|\.deb\b|glibc|manylinux/.test(a)),
  );
}

/** The smaller variant of a heavy base, when the table knows one that exists and fits the file. */
export function lighterVariant(
  model: DockerfileModel,
  stage: Stage,
): { image: string; full: number; size: number; caveat?: string } | undefined {
  const repository = stage.image.repository;
  const entry = VARIANT_SIZES[repository];
  const tag = stage.image.tag;
  if (
    !entry ||
    !tag ||
    stage.image.digest ||
    stage.image.registry ||
    // `${IMAGE}:10` resolves through an ARG the build may override.
    stage.image.raw.split(':')[0].includes('$') ||
    SMALL_MARKERS.test(tag)
  )
    return undefined;
  const allowMusl = !needsGlibc(model);
  const smaller = smallerTag(repository, tag, allowMusl);
  if (smaller) {
    let suffix = smaller.tag.includes('slim') ? '-slim' : '';
    if (smaller.musl) suffix = '-alpine';
    const size =
      entry.variants.find(v => v.suffix === suffix)?.size ??
      entry.variants[0]?.size;
    if (size === undefined) return undefined;
    return {
      image: `${stage.image.raw.split(':')[0]}:${smaller.tag}`,
      full: entry.full,
      size,
      ...(smaller.musl
        ? { caveat: 'musl libc and apk instead of glibc and apt' }
        : {}),
    };
  }
  const alternative =
    entry.variants.length === 0 ? entry.alternative : undefined;
  if (!alternative || (alternative.image.startsWith('alpine') && !allowMusl))
    return undefined;
  return {
    image: alternative.image.replace('{tag}', tag),
    full: entry.full,
    size: alternative.size,
    caveat: alternative.caveat,
  };
}
