import { rule } from './zypper-clean-missing';
import { describeRule } from '../testing';

// DL3036's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM opensuse/leap:15.6\nRUN zypper install -y mariadb=10.6',
    'FROM opensuse/leap:15.6\nRUN zypper clean && zypper install -y mariadb=10.6',
  ],
  passes: [
    'FROM opensuse/leap:15.6\nRUN zypper install -y curl && zypper clean',
    'FROM opensuse/leap:15.6\nRUN zypper install -y curl && zypper cc',
    'FROM opensuse/leap:15.6\nRUN zypper -n in curl && zypper cc',
    'FROM opensuse/leap:15.6\nRUN --mount=type=cache,target=/var/cache/zypp zypper install -y mariadb',
    'FROM opensuse/leap:15.6\nRUN --mount=type=tmpfs,target=/var/cache/zypp zypper install -y mariadb',
  ],
});
