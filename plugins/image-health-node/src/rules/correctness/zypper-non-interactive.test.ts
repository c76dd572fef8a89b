import { rule } from './zypper-non-interactive';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: ['FROM opensuse/leap:15\nRUN zypper install curl'],
  passes: [
    'FROM opensuse/leap:15\nRUN zypper -n install curl',
    'FROM opensuse/leap:15\nRUN zypper --non-interactive in curl',
  ],
});
