import { rule } from './yum-clean-missing';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: [
    'FROM centos:7\nRUN yum install -y httpd',
    'FROM centos:7\nRUN yum -y install httpd && echo ok',
  ],
  passes: [
    'FROM centos:7\nRUN yum install -y httpd && yum clean all',
    'FROM centos:7\nRUN yum install -y httpd && rm -rf /var/cache/yum',
    'FROM centos:7\nRUN yum update -y',
  ],
});
