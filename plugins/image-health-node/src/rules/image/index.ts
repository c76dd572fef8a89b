/**
 * The image rules: checks of a built image (its config and, with deep
 * analysis, its files), in the order findings are reported. Ids start with
 * IMG; equivalents name dockle's, Trivy's and hadolint's checks where one exists.
 * Adding a rule: write `<rule>.ts` exporting `rule` and its test, then list it here.
 */
import type { RuleInfo } from '@image-health/plugin-image-health-common';
import type { ImageRule } from './types';
import { catalogueEntry } from '../catalogueEntry';
import { rule as runsAsRoot } from './runs-as-root';
import { rule as secretEnv } from './secret-env';
import { rule as noHealthcheck } from './no-healthcheck';
import { rule as baseOutdated } from './base-outdated';
import { rule as analysisCap } from './analysis-cap';
import { rule as unreadableLayer } from './unreadable-layer';
import { rule as packageCache } from './package-cache';
import { rule as toolchain } from './toolchain';
import { rule as wastedSpace } from './wasted-space';
import { rule as largeFiles } from './large-files';
import { rule as setuidFiles } from './setuid-files';
import { rule as secretFile } from './secret-file';
import { rule as gitDirectory } from './git-directory';
import { rule as emptyPassword } from './empty-password';
import { rule as duplicateIds } from './duplicate-ids';
import { rule as unnecessaryFiles } from './unnecessary-files';
import { rule as sudoInstalled } from './sudo-installed';

export const IMAGE_RULES: readonly ImageRule[] = [
  runsAsRoot,
  secretEnv,
  noHealthcheck,
  baseOutdated,
  analysisCap,
  unreadableLayer,
  packageCache,
  toolchain,
  wastedSpace,
  largeFiles,
  setuidFiles,
  secretFile,
  gitDirectory,
  emptyPassword,
  duplicateIds,
  unnecessaryFiles,
  sudoInstalled,
];

export type {
  DeepFailure,
  ImageFacts,
  ImageRule,
  ImageRuleHit,
  LinkedDockerfile,
} from './types';

/** The image rules' metadata, for `GET /v1/rules` and the CLI. */
export function listImageRules(): RuleInfo[] {
  return IMAGE_RULES.map(rule => catalogueEntry(rule));
}
