import { rule } from './yum-clean-missing';
import { describeRule } from '../testing';

// DL3032's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM centos:7\nRUN yum install -y mariadb-server',
    'FROM centos:7\nRUN yum -y install httpd && echo ok',
    'FROM centos:7\nRUN yum clean all && yum install -y httpd',
    'FROM centos:7\nONBUILD RUN yum install -y httpd',
  ],
  passes: [
    'FROM centos:7\nRUN yum install -y mariadb-server && yum clean all',
    'FROM centos:7\nRUN yum install -y httpd && rm -rf /var/cache/yum/*',
    'FROM centos:7\nRUN bash -c `# not a yum command at all`',
    'FROM centos:7\nRUN yum update -y',
  ],
});
