import { rule } from './package-install-after-clean';
import { rule as yumCleanMissing } from './yum-clean-missing';
import { describeRule, catches } from '../testing';

// trivy-checks' DS-0015/0019/0027 cases are in rules/trivyChecks.test.ts; these are the edges.
describeRule(rule, {
  catches: [
    'FROM fedora:40\nRUN dnf install -y gcc && dnf clean all && dnf install -y make',
    'FROM centos:7\nRUN yum install -y a && rm -rf /var/cache/yum && yum install -y b',
    'FROM ubi9:9.4\nRUN microdnf install -y a && microdnf clean metadata',
  ],
  passes: [
    'FROM fedora:40\nRUN dnf install -y gcc && dnf clean all',
    'FROM fedora:40\nRUN dnf install -y gcc && rm -rf /var/cache/dnf',
    'FROM fedora:40\nRUN --mount=type=cache,target=/var/cache/dnf dnf install -y gcc && dnf clean metadata && dnf install -y make',
    'FROM centos:7\nRUN yum install -y a\nRUN yum clean all',
    'FROM centos:7\nRUN yum clean all',
  ],
});

it('leaves a RUN without any cleanup to yum-clean-missing: one finding, not two', () => {
  const dockerfile = 'FROM centos:7\nRUN yum install -y httpd';
  expect(catches(yumCleanMissing, dockerfile)).toBe(true);
  expect(catches(rule, dockerfile)).toBe(false);
});

it('reports a zypper patch never cleaned, which zypper-clean-missing (DL3036) does not judge', () => {
  expect(catches(rule, 'FROM opensuse/leap:15.6\nRUN zypper patch -y')).toBe(
    true,
  );
  expect(
    catches(
      rule,
      'FROM opensuse/leap:15.6\nRUN zypper patch -y && zypper clean',
    ),
  ).toBe(false);
});
