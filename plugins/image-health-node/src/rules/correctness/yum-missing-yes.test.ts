import { rule } from './yum-missing-yes';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: ['FROM centos:7\nRUN yum install httpd'],
  passes: [
    'FROM centos:7\nRUN yum install -y httpd',
    'FROM centos:7\nRUN yum --assumeyes install httpd',
  ],
});
