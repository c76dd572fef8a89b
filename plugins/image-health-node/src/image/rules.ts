import type {
  Finding,
  FindingCategory,
  RuleInfo,
  Severity,
} from '@image-health/plugin-image-health-common';

/**
 * The image rules: checks of a built image (its config and, with deep
 * analysis, its files). Ids start with IMG; equivalents name dockle's,
 * Trivy's and hadolint's checks where one exists.
 */
interface ImageRule extends RuleInfo {
  remediation: string;
}

function rule(
  id: string,
  title: string,
  category: FindingCategory,
  severity: Severity,
  equivalents: string[],
  description: string,
  remediation: string,
): ImageRule {
  return {
    id,
    title,
    category,
    severity,
    equivalents,
    description,
    remediation,
  };
}

export const IMAGE_RULES = {
  rootUser: rule(
    'IMG001',
    'Image runs as root',
    'security',
    'warning',
    ['CIS-DI-0001', 'DS-0002'],
    'The image config sets no USER, or a user that is root (name root or uid 0), so the process runs as root.',
    'Create an unprivileged user and switch to it with USER before the entrypoint.',
  ),
  secretEnv: rule(
    'IMG002',
    'Secret-looking environment variable',
    'security',
    'error',
    ['CIS-DI-0010', 'DKL-DI-0010'],
    'ENV bakes a value whose name looks like a secret (PASSWORD, TOKEN, SECRET, KEY…) into every layer and into `docker inspect`.',
    'Pass secrets at run time (orchestrator secrets, mounted files) or at build time with `RUN --mount=type=secret`; never with ENV or ARG.',
  ),
  noHealthcheck: rule(
    'IMG003',
    'No HEALTHCHECK',
    'correctness',
    'info',
    ['CIS-DI-0006', 'DS-0026'],
    'The image defines no HEALTHCHECK, so Docker and Compose cannot tell a hung service from a healthy one.',
    "Add a HEALTHCHECK that probes the service, or rely on your orchestrator's probes and ignore this rule.",
  ),
  setuid: rule(
    'IMG004',
    'setuid/setgid files',
    'security',
    'info',
    ['CIS-DI-0008'],
    "Files with the setuid or setgid bit let a process gain another user's privileges.",
    'Remove the bit from binaries the service does not need: `RUN find / -xdev -perm /6000 -type f -exec chmod a-s {} +`.',
  ),
  secretFile: rule(
    'IMG005',
    'Secret-looking file in the image',
    'security',
    'error',
    ['CIS-DI-0010', 'DKL-DI-0005'],
    'A file that usually holds credentials (.env, private keys, cloud or registry credentials) is in the image; anyone who can pull it can read it, even if a later layer deletes it.',
    'Keep the file out of the build context with .dockerignore, or mount it only while building with `RUN --mount=type=secret`.',
  ),
  packageCache: rule(
    'IMG006',
    'Package-manager cache left in the image',
    'build-cache',
    'warning',
    ['DKL-DI-0005', 'DL3009', 'DL3042', 'DL3019', 'DL3060'],
    'Package indexes and download caches (apt lists, pip, npm, yarn, apk, go build cache, maven) are shipped in a layer although nothing at run time reads them.',
    'Clean the cache in the same RUN that fills it, or use a cache mount so it never enters a layer.',
  ),
  toolchain: rule(
    'IMG007',
    'Compiler toolchain in the final image',
    'size',
    'warning',
    [],
    'The final image carries a compiler or SDK; the built artefact is all the service needs at run time.',
    'Build in a builder stage and COPY --from it only the artefact into a small runtime base (multi-stage build).',
  ),
  wasted: rule(
    'IMG008',
    'Space wasted across layers',
    'layers',
    'warning',
    [],
    "Files written in one layer and overwritten or deleted in a later one still ship in the earlier layer (dive's wasted space).",
    'Create, use and delete temporary files in the same RUN, or build them in another stage and COPY only the result.',
  ),
  gitDir: rule(
    'IMG009',
    '.git directory in the image',
    'security',
    'warning',
    ['DKL-LI-0003'],
    "A .git directory ships the repository's history (and sometimes credentials) and grows the image.",
    'Add .git to .dockerignore, or COPY only the paths the image needs.',
  ),
  analysisCap: rule(
    'IMG010',
    'Layer too large or too many files to analyse',
    'correctness',
    'error',
    [],
    'Deep analysis stopped at the configured caps (imageHealth.deepAnalysis.maxLayerBytes, maxEntries): the layer expands beyond them, as a decompression bomb would.',
    'Check the layer (it may be a decompression bomb); raise the caps only for images you trust.',
  ),
  unreadableLayer: rule(
    'IMG011',
    'Layer cannot be read',
    'correctness',
    'error',
    [],
    'A layer blob is truncated, corrupt or does not match its digest, so the image cannot be pulled reliably.',
    "Push the image again; if it persists, check the registry's storage.",
  ),
  baseOutdated: rule(
    'IMG012',
    'Base image has a newer build',
    'base-image',
    'warning',
    [],
    "The base image's tag now points to a digest the image was not built on, so fixes published since are missing.",
    'Rebuild the image (with --pull) so it picks up the current base; pin the base by digest and let a bot bump it.',
  ),
  largeFiles: rule(
    'IMG013',
    'Very large files',
    'size',
    'info',
    [],
    'The final filesystem holds files of 50 MB or more; check that each is needed at run time.',
    'Exclude data, archives and build outputs the service does not read; download large assets at run time if they change often.',
  ),
} as const;

export type ImageRuleKey = keyof typeof IMAGE_RULES;

/** The image rules' metadata, for `GET /v1/rules` and the CLI. */
export function listImageRules(): RuleInfo[] {
  return Object.values(IMAGE_RULES).map(({ remediation: _r, ...info }) => info);
}

/** A finding of an image rule; remediation defaults to the rule's own. */
export function imageFinding(
  key: ImageRuleKey,
  message: string,
  extra: Partial<
    Omit<Finding, 'ruleId' | 'equivalents' | 'category' | 'message'>
  > = {},
): Finding {
  const r = IMAGE_RULES[key];
  return {
    ruleId: r.id,
    equivalents: [...r.equivalents],
    category: r.category,
    severity: extra.severity ?? r.severity,
    message,
    ...extra,
    remediation: extra.remediation ?? { summary: r.remediation },
  };
}
