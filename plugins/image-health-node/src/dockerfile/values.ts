/**
 * Values written in instructions: quotes, `$VAR` substitution and image
 * references.
 */
import { type ImageReference } from './model';

export function unquote(value: string): string {
  if (value.length >= 2) {
    const q = value[0];
    if ((q === '"' || q === "'") && value[value.length - 1] === q)
      return value.slice(1, -1);
  }
  return value;
}

/** Substitutes `$VAR`, `${VAR}`, `${VAR:-default}` and `${VAR:+alt}` from `vars`. */
export function substitute(
  value: string,
  vars: Map<string, string | undefined>,
): { value: string; unresolved: boolean } {
  let unresolved = false;
  const result = value.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (
      whole,
      braced: string | undefined,
      op: string | undefined,
      word: string | undefined,
      plain: string | undefined,
    ) => {
      const name = braced ?? plain!;
      const v = vars.get(name);
      const set = v !== undefined && (op?.startsWith(':') ? v !== '' : true);
      if (op?.endsWith('-')) return set ? v! : word ?? '';
      if (op?.endsWith('+')) return set ? word ?? '' : '';
      if (v === undefined) {
        unresolved = true;
        return whole;
      }
      return v;
    },
  );
  return { value: result, unresolved };
}

export function parseImageReference(
  raw: string,
  vars: Map<string, string | undefined>,
): ImageReference {
  const { value: resolved, unresolved } = substitute(raw, vars);
  let rest = resolved;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  let registry: string | undefined;
  const slash = rest.indexOf('/');
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  if (
    (!registry || registry === 'docker.io' || registry === 'index.docker.io') &&
    rest.startsWith('library/')
  ) {
    rest = rest.slice('library/'.length);
  }
  return {
    raw,
    resolved,
    registry,
    repository: rest.toLowerCase(),
    tag,
    digest,
    unresolved,
  };
}
