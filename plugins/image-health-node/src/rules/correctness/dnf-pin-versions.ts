import { rpmPinRule } from './rpm-pinning';

// DL3041: as DL3033, for dnf and microdnf; `group install` is not judged.
export const rule = rpmPinRule({
  id: 'dnf-pin-versions',
  programs: ['dnf', 'microdnf'],
  skipped: ['group'],
  equivalents: ['DL3041'],
  example: 'dnf install -y httpd-2.4.57',
});
