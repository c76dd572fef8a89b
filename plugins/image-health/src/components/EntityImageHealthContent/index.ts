export { EntityImageHealthContent } from './EntityImageHealthContent';
