import { rule } from './dnf-clean-missing';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: [
    'FROM fedora:40\nRUN dnf install -y httpd',
    'FROM ubi9-minimal:9.4\nRUN microdnf install -y tar',
  ],
  passes: [
    'FROM fedora:40\nRUN dnf install -y httpd && dnf clean all',
    'FROM ubi9-minimal:9.4\nRUN microdnf install -y tar && microdnf clean all',
  ],
});
