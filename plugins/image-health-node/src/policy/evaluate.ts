import {
  detectLanguage,
  formatBytes,
  type DockerfileResult,
  type Finding,
  type ImageResult,
  type Severity,
} from '@image-health/plugin-image-health-common';
import type { DockerfileModel } from '../dockerfile/model';
import { parseDockerfile } from '../dockerfile/parse';
import { Glob } from '../glob/glob';
import { formatReference, parseReference } from '../registry/reference';
import { labelsSetBy } from '../rules/correctness/labelSchema';
import {
  baseAvoidsRoot,
  isRootUser,
  isWindows,
  lastUser,
} from '../rules/security/user';
import { redactText } from '../secrets';
import type { ImagePolicy } from './types';

/** The ids of policy findings: one per setting of ImagePolicy. */
const POLICY_FINDING_IDS = {
  baseRegistry: 'policy-base-image-registry',
  forbiddenBase: 'policy-forbidden-base-image',
  nonRoot: 'policy-non-root',
  label: 'policy-required-label',
  size: 'policy-max-image-size',
} as const;

interface Where {
  file?: string;
  line?: number;
}

function finding(
  ruleId: string,
  severity: Severity,
  message: string,
  summary: string,
  where: Where,
): Finding {
  return {
    ruleId,
    equivalents: [],
    category: 'policy',
    severity,
    message: redactText(message),
    ...where,
    remediation: { summary },
  };
}

function hasSettings(policy: ImagePolicy): boolean {
  return Object.keys(policy).length > 0;
}

/** A policy read once for judging many base images. */
interface CompiledPolicy {
  policy: ImagePolicy;
  forbidden: Array<{ pattern: string; glob: Glob }>;
}

function compile(policy: ImagePolicy): CompiledPolicy {
  return {
    policy,
    forbidden: (policy.forbiddenBaseImages ?? []).flatMap(pattern => {
      const glob = Glob.compile(pattern, { paths: false });
      return glob ? [{ pattern, glob }] : [];
    }),
  };
}

/** The spellings a forbidden-image glob is matched against. */
function spellings(written: string, full: string): string[] {
  const short = full
    .replace(/^docker\.io\/library\//, '')
    .replace(/^docker\.io\//, '');
  return [...new Set([written, full, short])];
}

/**
 * What the policy says of one base image: its registry, and whether it is
 * forbidden. Silent on what cannot be read (`$VAR` left, `scratch`, a
 * reference that does not parse).
 */
function baseImageFindings(
  compiled: CompiledPolicy,
  image: string,
  where: Where,
): Finding[] {
  if (image.includes('$') || image.toLowerCase() === 'scratch') return [];
  let parsed;
  try {
    parsed = parseReference(image);
  } catch {
    return [];
  }
  if (parsed.kind !== 'registry') return [];
  const found: Finding[] = [];
  const allowed = compiled.policy.allowedBaseImageRegistries;
  const path = `${parsed.host}/${parsed.repository}`;
  if (
    allowed &&
    !allowed.some(entry => {
      const wanted = entry.toLowerCase();
      return parsed.host === wanted || path.startsWith(`${wanted}/`);
    })
  )
    found.push(
      finding(
        POLICY_FINDING_IDS.baseRegistry,
        'error',
        `base image ${image} comes from ${
          parsed.host
        }, which the policy does not allow (allowed: ${allowed.join(', ')})`,
        `Build on an image from an allowed registry (${allowed.join(
          ', ',
        )}), e.g. the organisation's mirror of ${path}.`,
        where,
      ),
    );
  const names = spellings(image, formatReference(parsed));
  const hit = compiled.forbidden.find(f => names.some(n => f.glob.matches(n)));
  if (hit)
    found.push(
      finding(
        POLICY_FINDING_IDS.forbiddenBase,
        'error',
        `base image ${image} is forbidden by the policy (it matches "${hit.pattern}")`,
        'Build on a base image the policy allows: a supported version, pinned to a tag other than latest (or a digest).',
        where,
      ),
    );
  return found;
}

/** The labels the final stage sets, itself or through the stages it is built FROM. */
function finalStageLabels(model: DockerfileModel): Set<string> {
  const keys = new Set<string>();
  let stage = model.stages.find(s => s.final);
  const seen = new Set<number>();
  while (stage && !seen.has(stage.index)) {
    seen.add(stage.index);
    for (const instruction of stage.instructions)
      for (const label of labelsSetBy(instruction)) keys.add(label.key);
    stage =
      stage.baseStage !== undefined ? model.stages[stage.baseStage] : undefined;
  }
  return keys;
}

/**
 * Non-root and labels judged from a Dockerfile, when no image of the entity
 * is scanned. An explicit `USER root` is an error; no USER at all on a base
 * not known to set its own user is a warning (the base may set one); a label
 * missing from the file is a warning (the build may add it with `--label`).
 */
function dockerfileOnlyFindings(
  policy: ImagePolicy,
  result: DockerfileResult,
  model: DockerfileModel,
): Finding[] {
  const found: Finding[] = [];
  const file = result.location;
  const last = lastUser(model);
  if (policy.requireNonRoot && last && !isWindows(last.stage)) {
    if (last.user && isRootUser(last.user.args.trim()))
      found.push(
        finding(
          POLICY_FINDING_IDS.nonRoot,
          'error',
          `the image runs as ${last.user.args.trim()}, and the policy requires a non-root user`,
          'End the final stage with USER <unprivileged user>, e.g. USER 10001:10001.',
          { file, line: last.user.line },
        ),
      );
    else if (!last.user && !baseAvoidsRoot(last.stage.image))
      found.push(
        finding(
          POLICY_FINDING_IDS.nonRoot,
          'warning',
          `the final stage never sets USER, so it runs as its base ${last.stage.image.resolved}'s user (root for nearly every base), and the policy requires a non-root user`,
          'Add USER <unprivileged user> (e.g. USER 10001:10001) before CMD/ENTRYPOINT.',
          { file, line: last.stage.from.line },
        ),
      );
  }
  const final = model.stages.find(s => s.final);
  if (policy.requiredLabels?.length && final) {
    const labels = finalStageLabels(model);
    for (const key of policy.requiredLabels)
      if (!labels.has(key))
        found.push(
          finding(
            POLICY_FINDING_IDS.label,
            'warning',
            `the final stage sets no ${key} label, which the policy requires (unless the build adds it with --label)`,
            `Add LABEL ${key}=<value> to the final stage.`,
            { file, line: final.from.line },
          ),
        );
  }
  return found;
}

/** What the policy says of a built image: its user, labels and size. */
function imageFindings(
  policy: ImagePolicy,
  image: ImageResult,
  language: ReturnType<typeof detectLanguage>,
): Finding[] {
  const found: Finding[] = [];
  if (policy.requireNonRoot && image.userIsRoot)
    found.push(
      finding(
        POLICY_FINDING_IDS.nonRoot,
        'error',
        `${image.ref} runs as ${
          image.user || 'root (no user set)'
        }, and the policy requires a non-root user`,
        'Add USER <unprivileged user> (e.g. USER 10001:10001) to the final stage of its Dockerfile and rebuild.',
        {},
      ),
    );
  for (const key of policy.requiredLabels ?? [])
    if (image.labels?.[key] === undefined)
      found.push(
        finding(
          POLICY_FINDING_IDS.label,
          'error',
          `${image.ref} has no ${key} label, which the policy requires`,
          `Add LABEL ${key}=<value> to its Dockerfile, or --label ${key}=<value> to its build.`,
          {},
        ),
      );
  const max = policy.maxImageSize?.[language] ?? policy.maxImageSize?.default;
  if (max !== undefined && image.compressedBytes > max)
    found.push(
      finding(
        POLICY_FINDING_IDS.size,
        'error',
        `${image.ref} is ${formatBytes(
          image.compressedBytes,
        )} compressed, above the policy's ${formatBytes(max)} maximum for ${
          language === 'default' ? 'images' : `${language} images`
        }`,
        'Shrink the image (see its size and layer findings) below the maximum.',
        {},
      ),
    );
  return found;
}

function withoutPolicy<R extends { findings: Finding[] }>(result: R): R {
  return result.findings.some(f => f.category === 'policy')
    ? {
        ...result,
        findings: result.findings.filter(f => f.category !== 'policy'),
      }
    : result;
}

/** An entity's results, with or without their policy findings. */
export interface PolicySubject {
  dockerfiles: DockerfileResult[];
  /** The parsed Dockerfiles where the caller has them; the rest are parsed from `content`. */
  models?: Array<DockerfileModel | undefined>;
  images: ImageResult[];
}

/**
 * The results with the policy's findings (and no earlier ones, which a
 * result kept from an earlier scan may carry). Base images are judged on
 * every Dockerfile stage; the user, labels and size on the images when any
 * is scanned, else (user and labels) on the Dockerfiles. The language of the
 * size limit is the one the size budget uses: detected from the base images
 * of every stage and of the images. Rule settings and ignore pragmas do not
 * apply: the policy is the organisation's, not the entity's.
 */
export function applyPolicy(
  policy: ImagePolicy | undefined,
  subject: PolicySubject,
): { dockerfiles: DockerfileResult[]; images: ImageResult[] } {
  const dockerfiles = subject.dockerfiles.map(withoutPolicy);
  const images = subject.images.map(withoutPolicy);
  if (!policy || !hasSettings(policy)) return { dockerfiles, images };
  const compiled = compile(policy);
  const judged = dockerfiles.map((result, index) => {
    const external = new Set(result.baseImages);
    const found = result.stages
      .filter(stage => external.has(stage.baseImage))
      .flatMap(stage =>
        baseImageFindings(compiled, stage.baseImage, {
          file: result.location,
          line: stage.line,
        }),
      );
    if (images.length === 0) {
      const model =
        subject.models?.[index] ??
        (result.content !== undefined
          ? parseDockerfile(result.content)
          : undefined);
      if (model) found.push(...dockerfileOnlyFindings(policy, result, model));
    }
    return found.length
      ? { ...result, findings: [...result.findings, ...found] }
      : result;
  });
  const dockerfileBases = dockerfiles.flatMap(d => d.baseImages);
  const language = detectLanguage([
    ...dockerfileBases,
    ...images.flatMap(i => (i.baseImage ? [i.baseImage] : [])),
  ]);
  const inspected = images.map(image => {
    const found = imageFindings(policy, image, language);
    // Without a Dockerfile, the base an image declares (OCI annotation) is judged.
    if (
      dockerfileBases.length === 0 &&
      image.baseImage &&
      image.baseImageSource === 'annotation'
    )
      found.push(...baseImageFindings(compiled, image.baseImage, {}));
    return found.length
      ? { ...image, findings: [...image.findings, ...found] }
      : image;
  });
  return { dockerfiles: judged, images: inspected };
}
