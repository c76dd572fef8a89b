import { rule } from './zypper-non-interactive';
import { describeRule } from '../testing';

// DL3034's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM opensuse/leap:15\nRUN zypper install curl',
    'FROM opensuse/leap:15\nRUN zypper install httpd=2.4.24 && zypper clean',
    'FROM opensuse/leap:15\nRUN zypper rm curl',
    'FROM opensuse/leap:15\nRUN zypper patch',
  ],
  passes: [
    'FROM opensuse/leap:15\nRUN zypper install -n httpd=2.4.24 && zypper clean',
    'FROM opensuse/leap:15\nRUN zypper install --non-interactive httpd=2.4.24 && zypper clean',
    'FROM opensuse/leap:15\nRUN zypper install -y httpd=2.4.24 && zypper clean',
    'FROM opensuse/leap:15\nRUN zypper install --no-confirm httpd=2.4.24 && zypper clean',
    'FROM opensuse/leap:15\nRUN zypper -n install curl',
    'FROM opensuse/leap:15\nRUN zypper --non-interactive in curl',
    'FROM opensuse/leap:15\nRUN zypper refresh',
  ],
});
