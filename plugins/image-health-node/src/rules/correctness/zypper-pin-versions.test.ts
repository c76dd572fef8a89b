import { rule } from './zypper-pin-versions';
import { describeRule, hitsOf, shownAfter } from '../testing';

// DL3037's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM opensuse/leap:15.5\nRUN zypper install -y nginx && zypper clean',
    'FROM opensuse/leap:15.5\nONBUILD RUN zypper install -y nginx && zypper clean',
    'FROM opensuse/leap:15.5\nRUN zypper --non-interactive in curl=8.0.1 tar',
    'RUN zypper install -y nginx\nFROM opensuse/leap:15.5',
  ],
  passes: [
    'FROM opensuse/leap:15.5\nRUN zypper install -y nginx=1.21.5 && zypper clean',
    'FROM opensuse/leap:15.5\nRUN zypper install -y nginx\\>=1.21 && zypper clean',
    'FROM opensuse/leap:15.5\nRUN zypper install -y "nginx>1.21" && zypper clean',
    'FROM opensuse/leap:15.5\nRUN zypper install -y nginx\\<=1.22 && zypper clean',
    "FROM opensuse/leap:15.5\nRUN zypper install -y 'nginx<1.22' && zypper clean",
    'FROM opensuse/leap:15.5\nRUN zypper install -y nginx-1.21.5-1.rpm && zypper clean',
    'FROM opensuse/leap:15.5\nONBUILD RUN zypper install -y nginx=1.21.5 && zypper clean',
    'FROM opensuse/leap:15.5\nONBUILD RUN zypper install -y nginx\\>=1.21 && zypper clean',
    'FROM opensuse/leap:15.5\nRUN zypper refresh && zypper clean',
  ],
});

describe('zypper-pin-versions findings', () => {
  it('shows where each version goes in the user’s own line', () => {
    const dockerfile =
      'FROM opensuse/leap:15.5\nRUN zypper -n in curl tar=1.34';
    const [hit] = hitsOf(rule, dockerfile);
    expect(hit.message).toBe('zypper install of unpinned packages: curl');
    expect(shownAfter(dockerfile, hit)).toBe(
      'RUN zypper -n in curl=X.Y.Z tar=1.34',
    );
  });
});
