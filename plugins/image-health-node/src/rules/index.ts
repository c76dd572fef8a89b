/**
 * The rule catalogue: every rule, in the order findings are reported.
 * Adding a rule: write `<category>/<rule-id>.ts` exporting `rule` and its test, then list it here.
 */
import type { Rule } from './types';
import { rule as baseImageHeavy } from './base-image/base-image-heavy';
import { rule as baseImageLatest } from './base-image/base-image-latest';
import { rule as baseImageEndOfLife } from './base-image/base-image-end-of-life';
import { rule as baseImageNearingEndOfLife } from './base-image/base-image-nearing-end-of-life';
import { rule as buildStageEndOfLife } from './base-image/build-stage-end-of-life';
import { rule as baseImageNotPinnedByDigest } from './base-image/base-image-not-pinned-by-digest';
import { rule as baseImageUntagged } from './base-image/base-image-untagged';
import { rule as fromPlatformFixed } from './base-image/from-platform-fixed';
import { rule as toolchainFinalStage } from './base-image/toolchain-final-stage';
import { rule as aptGetDistUpgrade } from './base-image/apt-get-dist-upgrade';
import { rule as apkNoCache } from './size/apk-no-cache';
import { rule as aptListsNotRemoved } from './size/apt-lists-not-removed';
import { rule as aptNoInstallRecommends } from './size/apt-no-install-recommends';
import { rule as buildToolsInFinalStage } from './size/build-tools-in-final-stage';
import { rule as devDependenciesInFinalStage } from './size/dev-dependencies-in-final-stage';
import { rule as dnfCleanMissing } from './size/dnf-clean-missing';
import { rule as npmCacheNotCleaned } from './size/npm-cache-not-cleaned';
import { rule as packageInstallAfterClean } from './size/package-install-after-clean';
import { rule as pipNoCacheDir } from './size/pip-no-cache-dir';
import { rule as singleStageCompiledBuild } from './size/single-stage-compiled-build';
import { rule as useraddHighUidWithoutL } from './size/useradd-high-uid-without-l';
import { rule as yarnCacheNotCleaned } from './size/yarn-cache-not-cleaned';
import { rule as yumCleanMissing } from './size/yum-clean-missing';
import { rule as zypperCleanMissing } from './size/zypper-clean-missing';
import { rule as addInsteadOfCopy } from './layers/add-instead-of-copy';
import { rule as addRemoteUrl } from './layers/add-remote-url';
import { rule as aptUpdateAlone } from './layers/apt-update-alone';
import { rule as cleanupInSeparateLayer } from './layers/cleanup-in-separate-layer';
import { rule as consecutiveRun } from './layers/consecutive-run';
import { rule as copyArchiveThenExtract } from './layers/copy-archive-then-extract';
import { rule as filesRemovedInLaterLayer } from './layers/files-removed-in-later-layer';
import { rule as copyAllBeforeDependencyInstall } from './build-cache/copy-all-before-dependency-install';
import { rule as cacheBustingArgEarly } from './build-cache/cache-busting-arg-early';
import { rule as dockerignoreMissing } from './build-cache/dockerignore-missing';
import { rule as dockerignoreWeak } from './build-cache/dockerignore-weak';
import { rule as noCacheMount } from './build-cache/no-cache-mount';
import { rule as npmInstallInsteadOfCi } from './build-cache/npm-install-instead-of-ci';
import { rule as chmod777 } from './security/chmod-777';
import { rule as curlPipeShell } from './security/curl-pipe-shell';
import { rule as exposeSshPort } from './security/expose-ssh-port';
import { rule as noHealthcheck } from './security/no-healthcheck';
import { rule as secretFileCopied } from './security/secret-file-copied';
import { rule as secretInEnvArg } from './security/secret-in-env-arg';
import { rule as sudoInRun } from './security/sudo-in-run';
import { rule as userRootExplicit } from './security/user-root-explicit';
import { rule as userRootImplicit } from './security/user-root-implicit';
import { rule as volumeSystemDirectory } from './security/volume-system-directory';
import { rule as apkPinVersions } from './correctness/apk-pin-versions';
import { rule as aptGetMissingYes } from './correctness/apt-get-missing-yes';
import { rule as aptPinVersions } from './correctness/apt-pin-versions';
import { rule as cdInRun } from './correctness/cd-in-run';
import { rule as cmdShellForm } from './correctness/cmd-shell-form';
import { rule as commandNotForContainers } from './correctness/command-not-for-containers';
import { rule as copyFromOwnStage } from './correctness/copy-from-own-stage';
import { rule as copyFromUndefinedStage } from './correctness/copy-from-undefined-stage';
import { rule as copyMultipleSourcesDestNotDir } from './correctness/copy-multiple-sources-dest-not-dir';
import { rule as copyRelativeWithoutWorkdir } from './correctness/copy-relative-without-workdir';
import { rule as dnfMissingYes } from './correctness/dnf-missing-yes';
import { rule as dnfPinVersions } from './correctness/dnf-pin-versions';
import { rule as duplicateStageAlias } from './correctness/duplicate-stage-alias';
import { rule as envSelfReference } from './correctness/env-self-reference';
import { rule as exposePortOutOfRange } from './correctness/expose-port-out-of-range';
import { rule as exposeUndefinedVariable } from './correctness/expose-undefined-variable';
import { rule as userNotCreated } from './correctness/user-not-created';
import { rule as gemPinVersions } from './correctness/gem-pin-versions';
import { rule as goPinVersions } from './correctness/go-pin-versions';
import { rule as instructionBeforeFrom } from './correctness/instruction-before-from';
import { rule as labelKeyInvalid } from './correctness/label-key-invalid';
import { rule as lnBinSh } from './correctness/ln-bin-sh';
import { rule as maintainerDeprecated } from './correctness/maintainer-deprecated';
import { rule as multipleCmd } from './correctness/multiple-cmd';
import { rule as multipleEntrypoint } from './correctness/multiple-entrypoint';
import { rule as multipleHealthcheck } from './correctness/multiple-healthcheck';
import { rule as npmPinVersions } from './correctness/npm-pin-versions';
import { rule as onbuildForbiddenTrigger } from './correctness/onbuild-forbidden-trigger';
import { rule as pipPinVersions } from './correctness/pip-pin-versions';
import { rule as pipeWithoutPipefail } from './correctness/pipe-without-pipefail';
import { rule as useAptGet } from './correctness/use-apt-get';
import { rule as wgetAndCurl } from './correctness/wget-and-curl';
import { rule as wgetWithoutProgress } from './correctness/wget-without-progress';
import { rule as workdirRelative } from './correctness/workdir-relative';
import { rule as workdirSystemDirectory } from './correctness/workdir-system-directory';
import { rule as yumMissingYes } from './correctness/yum-missing-yes';
import { rule as yumPinVersions } from './correctness/yum-pin-versions';
import { rule as zypperNonInteractive } from './correctness/zypper-non-interactive';
import { rule as zypperPinVersions } from './correctness/zypper-pin-versions';

import { rule as zypperDistUpgrade } from './correctness/zypper-dist-upgrade';
import { rule as stageNameReserved } from './correctness/stage-name-reserved';
import { rule as fromPlatformTargetRedundant } from './base-image/from-platform-target-redundant';
import { rule as userNonNumeric } from './security/user-non-numeric';
import { rule as copyWholeFilesystem } from './size/copy-whole-filesystem';

import { rule as labelMissing } from './correctness/label-missing';
import { rule as labelSuperfluous } from './correctness/label-superfluous';
import { rule as labelEmpty } from './correctness/label-empty';
import { rule as labelNotUrl } from './correctness/label-not-url';
import { rule as labelNotRfc3339 } from './correctness/label-not-rfc3339';
import { rule as labelNotSpdx } from './correctness/label-not-spdx';
import { rule as labelNotGitHash } from './correctness/label-not-git-hash';
import { rule as labelNotSemver } from './correctness/label-not-semver';
import { rule as labelNotEmail } from './correctness/label-not-email';
import { rule as baseImageUntrustedRegistry } from './base-image/base-image-untrusted-registry';
import { rule as inlineIgnorePragma } from './correctness/inline-ignore-pragma';

export const RULES: readonly Rule[] = [
  baseImageEndOfLife,
  baseImageNearingEndOfLife,
  buildStageEndOfLife,
  baseImageHeavy,
  baseImageLatest,
  baseImageNotPinnedByDigest,
  baseImageUntagged,
  fromPlatformFixed,
  fromPlatformTargetRedundant,
  toolchainFinalStage,
  aptGetDistUpgrade,
  apkNoCache,
  aptListsNotRemoved,
  aptNoInstallRecommends,
  buildToolsInFinalStage,
  devDependenciesInFinalStage,
  dnfCleanMissing,
  npmCacheNotCleaned,
  packageInstallAfterClean,
  pipNoCacheDir,
  singleStageCompiledBuild,
  useraddHighUidWithoutL,
  yarnCacheNotCleaned,
  yumCleanMissing,
  zypperCleanMissing,
  addInsteadOfCopy,
  addRemoteUrl,
  aptUpdateAlone,
  cleanupInSeparateLayer,
  consecutiveRun,
  copyArchiveThenExtract,
  filesRemovedInLaterLayer,
  copyAllBeforeDependencyInstall,
  cacheBustingArgEarly,
  dockerignoreMissing,
  dockerignoreWeak,
  noCacheMount,
  npmInstallInsteadOfCi,
  chmod777,
  curlPipeShell,
  exposeSshPort,
  noHealthcheck,
  secretFileCopied,
  secretInEnvArg,
  sudoInRun,
  userRootExplicit,
  userRootImplicit,
  volumeSystemDirectory,
  apkPinVersions,
  aptGetMissingYes,
  aptPinVersions,
  cdInRun,
  cmdShellForm,
  commandNotForContainers,
  copyFromOwnStage,
  copyFromUndefinedStage,
  copyMultipleSourcesDestNotDir,
  copyRelativeWithoutWorkdir,
  dnfMissingYes,
  dnfPinVersions,
  duplicateStageAlias,
  envSelfReference,
  exposePortOutOfRange,
  exposeUndefinedVariable,
  userNotCreated,
  gemPinVersions,
  goPinVersions,
  instructionBeforeFrom,
  labelKeyInvalid,
  lnBinSh,
  maintainerDeprecated,
  multipleCmd,
  multipleEntrypoint,
  multipleHealthcheck,
  npmPinVersions,
  onbuildForbiddenTrigger,
  pipPinVersions,
  pipeWithoutPipefail,
  useAptGet,
  wgetAndCurl,
  wgetWithoutProgress,
  workdirRelative,
  workdirSystemDirectory,
  yumMissingYes,
  yumPinVersions,
  zypperNonInteractive,
  zypperPinVersions,
  zypperDistUpgrade,
  stageNameReserved,
  userNonNumeric,
  copyWholeFilesystem,
  labelMissing,
  labelSuperfluous,
  labelEmpty,
  labelNotUrl,
  labelNotRfc3339,
  labelNotSpdx,
  labelNotGitHash,
  labelNotSemver,
  labelNotEmail,
  baseImageUntrustedRegistry,
  inlineIgnorePragma,
];

export type { Rule, RuleContext, RuleHit, Edit } from './types';
