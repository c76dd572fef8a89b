import { rule } from './dnf-missing-yes';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: ['FROM fedora:40\nRUN dnf install httpd'],
  passes: ['FROM fedora:40\nRUN dnf -y install httpd'],
});
