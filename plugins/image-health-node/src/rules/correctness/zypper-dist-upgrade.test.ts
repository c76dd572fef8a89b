import { rule } from './zypper-dist-upgrade';
import { describeRule } from '../testing';

// DL3035's documented cases.
describeRule(rule, {
  catches: [
    'FROM opensuse/leap:15.6\nRUN zypper dist-upgrade',
    'FROM opensuse/leap:15.6\nRUN zypper dup',
    'FROM opensuse/leap:15.6\nONBUILD RUN zypper dist-upgrade',
    'FROM opensuse/leap:15.6\nONBUILD RUN zypper dup',
    'FROM opensuse/leap:15.6\nRUN zypper --non-interactive dup && zypper clean',
  ],
  passes: [
    'FROM opensuse/leap:15.6\nRUN zypper --non-interactive install curl=8.0',
    'FROM opensuse/leap:15.6\nRUN zypper update',
    'FROM opensuse/leap:15.6\nRUN echo zypper dup',
  ],
});
