import { rule } from './dnf-pin-versions';
import { describeRule, hitsOf, shownAfter } from '../testing';

// DL3041's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM fedora:40\nRUN dnf install -y nginx && dnf clean all',
    // A name with digits is not a version (hadolint reads it as pinned; issue 13).
    'FROM fedora:40\nRUN dnf install -y java-21-openjdk-headless && dnf clean all',
    'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nRUN microdnf install -y java-17-openjdk-devel',
    'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nRUN microdnf install -y nginx && microdnf clean all',
    'FROM fedora:40\nONBUILD RUN dnf install -y nginx && dnf clean all',
    'FROM fedora:40\nRUN dnf install -y python3-devel && dnf clean all',
    'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nRUN microdnf install -y shadow-utils',
    'FROM fedora:40\nRUN dnf module install -y postgresql && dnf clean all',
    'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nRUN microdnf module install -y postgresql',
    'FROM fedora:40 AS base\nENV NGINX_VERSION=1.24.0-4.fc40\nFROM fedora:40\nRUN dnf install -y nginx-${NGINX_VERSION}',
  ],
  passes: [
    'FROM fedora:40\nRUN dnf install -y nginx-1.24.0 && dnf clean all',
    'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nRUN microdnf install -y nginx-1.24.0 && microdnf clean all',
    'FROM fedora:40\nONBUILD RUN dnf install -y nginx-1.24.0',
    'FROM fedora:40\nRUN notdnf install openssl-1:3.0.7',
    'FROM fedora:40\nRUN notdnf install nginx',
    'FROM fedora:40\nRUN dnf install -y shadow-utils-4.14.0 && dnf clean all',
    'FROM fedora:40\nRUN microdnf install -y gcc-c++-14.1.1',
    'FROM fedora:40\nRUN dnf install -y openssl-1:3.0.7',
    'FROM fedora:40\nRUN dnf module install -y postgresql:16 && dnf clean all',
    'FROM fedora:40\nRUN notdnf module install postgresql',
    // Groups are not judged.
    'FROM fedora:40\nRUN dnf -y group install "C Development Tools and Libraries"',
    'FROM fedora:40\nRUN dnf -y --setopt=group_package_types=mandatory group install "C Development Tools and Libraries"',
    'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nRUN microdnf group install -y "Development Tools" && microdnf clean all',
    'FROM fedora:40\nENV NGINX_VERSION=1.24.0-4.fc40\nRUN dnf -y install nginx-${NGINX_VERSION}',
    'FROM fedora:40\nARG NGINX_VERSION=1.24.0-4.fc40\nRUN dnf -y install nginx-$NGINX_VERSION',
    'FROM fedora:40 AS base\nARG NGINX_VERSION=1.24.0-4.fc40\nFROM fedora:40\nRUN dnf -y install nginx-${NGINX_VERSION}',
    'FROM fedora:40 AS base\nENV NGINX_VERSION=1.24.0-4.fc40\nFROM base\nRUN dnf -y install nginx-${NGINX_VERSION}',
  ],
});

describe('dnf-pin-versions findings', () => {
  it('reports each RUN once, and ONBUILD triggers without an edited line', () => {
    const dockerfile =
      'FROM fedora:40\nRUN dnf install -y git && microdnf install -y curl\nONBUILD RUN dnf install -y jq';
    const hits = hitsOf(rule, dockerfile);
    expect(hits.map(h => h.message)).toEqual([
      'dnf/microdnf install of unpinned packages: git, curl',
      'dnf/microdnf install of unpinned packages: jq',
    ]);
    expect(shownAfter(dockerfile, hits[0])).toBe(
      'RUN dnf install -y git-X.Y.Z && microdnf install -y curl-X.Y.Z',
    );
    expect(shownAfter(dockerfile, hits[1])).toBeUndefined();
  });
});
