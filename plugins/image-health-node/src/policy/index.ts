/** Organisation policies (`imageHealth.policy`, the CLI's `--policy`): read, then applied to a report's results. */
export type { ImagePolicy } from './types';
export { readImagePolicy } from './read';
export { applyPolicy, type PolicySubject } from './evaluate';
