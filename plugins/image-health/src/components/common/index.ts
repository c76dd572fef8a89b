export { GradeBadge } from './GradeBadge';
export { SeverityLabel } from './SeverityLabel';
export { GRADES, gradeColor, scoreColor } from './grades';
export * from './format';
export * from './findings';
export { useEntityTabLink } from './links';
export { sourceLocationOf } from './sourceLocation';
