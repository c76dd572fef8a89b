import { rule } from './yum-missing-yes';
import { describeRule } from '../testing';

// DL3030's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM centos:7\nRUN yum install httpd',
    'FROM centos:7\nRUN yum install httpd-2.4.6 && yum clean all',
    'FROM centos:7\nRUN yum groupinstall "Development Tools"',
    'FROM centos:7\nRUN yum localinstall /tmp/app.rpm',
    'FROM centos:7\nONBUILD RUN yum install httpd',
  ],
  passes: [
    'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all',
    'FROM centos:7\nRUN yum --assumeyes install httpd',
    'FROM centos:7\nRUN yum -q -y install httpd',
    'FROM centos:7\nRUN bash -c `# not a yum command at all`',
  ],
});
