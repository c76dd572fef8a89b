import { rule } from './dnf-missing-yes';
import { describeRule } from '../testing';

// DL3038's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM fedora:40\nRUN dnf install httpd',
    'FROM fedora:40\nRUN dnf install httpd-2.4.24 && dnf clean all',
    'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nRUN microdnf install httpd && microdnf clean all',
    'FROM fedora:40\nRUN dnf groupinstall "Development Tools"',
  ],
  passes: [
    'FROM fedora:40\nRUN dnf -y install httpd',
    'FROM fedora:40\nRUN dnf install -y httpd-2.4.24 && dnf clean all',
    'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nRUN microdnf install -y httpd && microdnf clean all',
    'FROM fedora:40\nRUN dnf --assumeyes install httpd',
    'FROM fedora:40\nRUN notdnf install httpd',
  ],
});
