import { rpmPinRule } from './rpm-pinning';

// DL3033: `name-version` (or an `.rpm` file, or a declared variable) pins a package; `:stream` pins a module.
export const rule = rpmPinRule({
  id: 'yum-pin-versions',
  programs: ['yum'],
  skipped: [],
  equivalents: ['DL3033'],
  example: 'yum install -y httpd-2.4.6',
});
