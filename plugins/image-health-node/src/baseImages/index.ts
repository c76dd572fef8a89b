export {
  BaseImageMeasurer,
  type BaseImageMeasurement,
  type BaseImageMeasurerOptions,
  type MeasuredTag,
} from './measure';
export { refineBaseImageFindings } from './refine';
