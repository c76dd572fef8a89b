export { EntityImageHealthCard } from './EntityImageHealthCard';
