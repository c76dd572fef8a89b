/**
 * The Image Health backend plugin: scheduled scans of catalog entities'
 * Dockerfiles and images, stored with history, served under `/api/image-health`.
 *
 * @packageDocumentation
 */
export { imageHealthPlugin as default } from './plugin';
