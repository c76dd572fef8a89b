export { isSecretName, namesASecret } from './names';
export { REDACTED, redactText } from './text';
export {
  redactDockerfileResult,
  redactFinding,
  redactImageResult,
  redactLabels,
  redactReport,
} from './report';
