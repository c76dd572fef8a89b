/** The one pipeline that turns a component's Dockerfiles and images into a Report. */
export { buildReport, describeError, type ScanResult } from './report';
export type {
  DockerfileInput,
  EarlierResult,
  ImageInput,
  ImageReader,
  ScanInputs,
} from './inputs';
export { dockerfileText, linkedDockerfile } from './link';
export {
  applyRuleSettings,
  compileRuleSettings,
  normalizeRuleId,
  type CompiledRuleSettings,
  type RuleSettings,
} from './ruleSettings';
export type { InputOutcome } from './status';
