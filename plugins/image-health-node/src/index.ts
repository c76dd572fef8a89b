/**
 * The Image Health engine: Dockerfile analysis, registry inspection and the
 * `image-health` CLI. Needs no Backstage runtime.
 *
 * @packageDocumentation
 */
export * from './dockerfile';
export * from './registry';
