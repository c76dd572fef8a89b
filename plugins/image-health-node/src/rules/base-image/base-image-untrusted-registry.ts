import type { Instruction } from '../../dockerfile/model';
import { parseImageReference } from '../../dockerfile/values';
import { readMount } from '../../dockerfile/parseRun';
import type { Rule, RuleHit } from '../types';
import { hadolintDocsUrl } from '../peer';

const equivalents = ['DL3026'];

/**
 * Whether `registry` matches one entry of the trusted list as hadolint's
 * `trustedRegistries` reads it: `*` matches all, `*.example.com` a suffix,
 * `registry.example.*` a prefix, anything else the exact host. Plain string
 * comparisons: no pattern is built from the configuration.
 */
export function isTrustedRegistry(
  registry: string,
  trusted: readonly string[],
): boolean {
  const host = registry.toLowerCase();
  return trusted.some(entry => {
    const allow = entry.trim().toLowerCase();
    if (allow === '*') return true;
    if (allow.startsWith('*')) return host.endsWith(allow.slice(1));
    if (allow.endsWith('*')) return host.startsWith(allow.slice(0, -1));
    return host === allow;
  });
}

/** Docker Hub's names: an image without a registry comes from there. */
const DOCKER_HUB = ['docker.io', 'hub.docker.com'];

/**
 * The registry an image reference pulls from, when it is not trusted; undefined
 * for a trusted one, `scratch`, a stage name, or a reference that still holds an
 * unresolved `$VAR` (its registry is not known: not judged).
 */
function untrustedRegistry(
  reference: string,
  stageNames: ReadonlySet<string>,
  vars: Map<string, string | undefined>,
  trusted: readonly string[],
): string | undefined {
  if (stageNames.has(reference.toLowerCase())) return undefined;
  const image = parseImageReference(reference, vars);
  if (image.unresolved || image.resolved.toLowerCase() === 'scratch')
    return undefined;
  if (stageNames.has(image.resolved.toLowerCase())) return undefined;
  if (image.registry)
    return isTrustedRegistry(image.registry, trusted)
      ? undefined
      : image.registry;
  return DOCKER_HUB.some(hub => isTrustedRegistry(hub, trusted))
    ? undefined
    : 'docker.io';
}

/** DL3026: every image a build pulls (FROM, COPY --from, RUN --mount from=) comes from a trusted registry. */
export const rule: Rule = {
  id: 'base-image-untrusted-registry',
  title: 'Image pulled from a registry not in the trusted list',
  category: 'base-image',
  severity: 'error',
  equivalents,
  description:
    "With a list of trusted registries (hadolint's `trustedRegistries`; off without one), every image the build pulls (FROM, `COPY --from=<image>`, `RUN --mount=…,from=<image>`) must come from one of them. `*` trusts all, `*.example.com` every host under example.com, `registry.example.*` a prefix; an image without a registry is Docker Hub (`docker.io`, `hub.docker.com`). `scratch`, earlier stage names and stage numbers, and references holding an unresolved `$VAR` are not judged.",
  docsUrl: hadolintDocsUrl(equivalents),
  check({ model, trustedRegistries }) {
    if (!trustedRegistries?.length) return [];
    const hits: RuleHit[] = [];
    const stageNames = new Set<string>();
    /** Reports `reference` when untrusted; whether it did. */
    const report = (instruction: Instruction, reference: string) => {
      const registry = untrustedRegistry(
        reference,
        stageNames,
        model.globalArgs,
        trustedRegistries,
      );
      if (registry === undefined) return false;
      hits.push({
        instruction,
        message: `${reference} comes from ${registry}, which is not a trusted registry`,
        summary: `Pull ${reference} through a trusted registry (${trustedRegistries.join(
          ', ',
        )}), or add ${registry} to the trusted list.`,
      });
      return true;
    };
    for (const instruction of model.instructions) {
      if (instruction.keyword === 'FROM') {
        const stage = model.stages[instruction.stage];
        if (stage) report(instruction, stage.image.raw);
        if (stage?.name) stageNames.add(stage.name.toLowerCase());
        if (stage) stageNames.add(String(stage.index));
        continue;
      }
      if (instruction.keyword === 'COPY') {
        const from = instruction.flags.find(f => f.name === 'from')?.value;
        if (from) report(instruction, from);
        continue;
      }
      if (instruction.keyword !== 'RUN') continue;
      for (const flag of instruction.flags) {
        if (flag.name !== 'mount' || !flag.value) continue;
        const mount = readMount(flag.value);
        const from = mount.options.from;
        // One finding per RUN, as hadolint.
        if (
          from &&
          (mount.type === 'bind' || mount.type === 'cache') &&
          report(instruction, from)
        )
          break;
      }
    }
    return hits;
  },
};
