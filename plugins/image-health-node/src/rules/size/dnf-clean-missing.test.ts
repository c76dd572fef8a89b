import { rule } from './dnf-clean-missing';
import { describeRule } from '../testing';

// DL3040's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM fedora:40\nRUN dnf install -y httpd',
    'FROM fedora:40\nRUN dnf in -y httpd',
    'FROM ubi9-minimal:9.4\nRUN microdnf install -y tar',
    'FROM fedora:40\nRUN microdnf clean all && dnf install -y httpd',
    'FROM fedora:40\nRUN rm -rf /var/cache/libdnf5 && dnf install -y httpd',
    'FROM fedora:40\nRUN rm -rf /var/cache/libdnf5 && microdnf install -y httpd',
    'FROM fedora:40\nRUN dnf -y upgrade',
    'FROM fedora:40\nRUN dnf -y up',
    // Issue 13: a real file swapped ffmpeg-free for ffmpeg and left the cache.
    'FROM fedora:40\nRUN dnf -y swap ffmpeg-free ffmpeg --allowerasing',
    'FROM fedora:40\nRUN dnf -y upgrade-minimal',
    'FROM fedora:40\nRUN dnf -y up-min',
    'FROM fedora:40\nRUN dnf -y reinstall httpd',
    'FROM fedora:40\nRUN dnf -y rei httpd',
    'FROM fedora:40\nRUN --mount=type=cache,target=/var/cache/dnf dnf install -y httpd',
  ],
  passes: [
    'FROM fedora:40\nRUN dnf install -y httpd && dnf clean all',
    'FROM fedora:40\nRUN dnf in -y httpd && dnf clean all',
    'FROM ubi9-minimal:9.4\nRUN microdnf install -y tar && microdnf clean all',
    'FROM fedora:40\nRUN notdnf install httpd',
    'FROM fedora:40\nRUN dnf install -y httpd && rm -rf /var/cache/yum/*',
    'FROM ubi9-minimal:9.4\nRUN microdnf install -y tar && rm -rf /var/cache/yum/*',
    'FROM fedora:40\nRUN --mount=type=cache,target=/var/cache/libdnf5 dnf install -y httpd',
    'FROM fedora:40\nRUN --mount=type=tmpfs,target=/var/cache/libdnf5 microdnf install -y httpd',
    'FROM fedora:40\nRUN --mount=type=cache,target=/root/.cache/libdnf5 dnf in -y httpd',
    'FROM fedora:40\nRUN dnf -y upgrade && dnf clean all',
    'FROM fedora:40\nRUN dnf -y up-min && dnf clean all',
    'FROM fedora:40\nRUN dnf -y rei httpd && dnf clean all',
  ],
});
