/** What is made of an image: resolving it, its base, its files, and the image rules' findings. */
export { ImageInspector } from './inspector';
export type { ImageInspectorOptions, InspectOptions } from './types';
export { listImageRules } from '../rules/image';
