export { ImageHealthPage } from './ImageHealthPage';
