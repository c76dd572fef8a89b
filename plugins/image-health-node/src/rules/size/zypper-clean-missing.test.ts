import { rule } from './zypper-clean-missing';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: ['FROM opensuse/leap:15.6\nRUN zypper install -y curl'],
  passes: [
    'FROM opensuse/leap:15.6\nRUN zypper install -y curl && zypper clean',
    'FROM opensuse/leap:15.6\nRUN zypper -n in curl && zypper cc',
  ],
});
