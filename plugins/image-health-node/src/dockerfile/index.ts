export { analyzeDockerfile } from './analyze';
export { listRules } from './ruleCatalogue';
export type { AnalyzeOptions } from './analyze';
export { MAX_DOCKERFILE_CHARS, parseDockerfile } from './parse';
export type {
  DockerfileModel,
  Instruction,
  Stage,
  ImageReference,
  ParsedRun,
} from './model';
export { parseShell } from './shell';
export type { ShellCommand, ShellScript, ShellWord } from './shell';
