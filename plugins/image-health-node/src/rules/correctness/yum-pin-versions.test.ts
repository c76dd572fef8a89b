import { rule } from './yum-pin-versions';
import { describeRule, hitsOf, shownAfter } from '../testing';

// DL3033's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM centos:7\nRUN yum install -y httpd && yum clean all',
    'FROM centos:7\nRUN yum install -y java-1.8.0-openjdk && yum clean all',
    'FROM centos:7\nONBUILD RUN yum install -y httpd && yum clean all',
    'FROM centos:7\nRUN yum install -y python3-pip',
    'FROM centos:7\nRUN ["yum", "install", "-y", "httpd"]',
    // Unlike dnf's, yum's group installs are judged: the group names carry no version.
    'FROM centos:7\nRUN yum group install -y "Development Tools"',
    'FROM centos:7\nRUN yum install -y httpd-2.4.6 mod_ssl',
    'FROM centos:7\nRUN yum -y --setopt=tsflags=nodocs install nginx*',
    // Modules are pinned by their stream.
    'FROM rockylinux:8\nRUN yum module install -y nodejs && yum clean all',
    // A variable counts only when the Dockerfile declares it for this stage.
    'FROM rockylinux:8\nRUN yum install -y "git-core-${GIT_VERSION}"',
    'FROM rockylinux:8 AS tools\nENV GIT_VERSION=2.43.0-1.el8\nFROM rockylinux:8\nRUN yum install -y git-core-${GIT_VERSION}',
    // ONBUILD triggers are judged without the file's variables.
    'FROM rockylinux:8\nARG GIT_VERSION=2.43.0-1.el8\nONBUILD RUN yum install -y git-core-${GIT_VERSION}',
    // Single quotes keep the text literal: no variable is used.
    "FROM rockylinux:8\nARG GIT_VERSION=2.43.0-1.el8\nRUN yum install -y 'git-core-$GIT_VERSION'",
  ],
  passes: [
    'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all',
    'FROM centos:7\nONBUILD RUN yum install -y httpd-2.4.6 && yum clean all',
    'FROM centos:7\nRUN bash -c `# yum is not run here`',
    'FROM centos:7\nRUN yum install -y openssl-1:1.0.2k',
    'FROM centos:7\nRUN yum install -y rpm-build-4.11.3',
    'FROM centos:7\nRUN yum install -y gcc-c++-4.8.5',
    'FROM centos:7\nRUN yum install -y https://example.com/pkgs/epel-release-latest-7.noarch.rpm',
    'FROM rockylinux:8\nRUN yum module install -y nodejs:20 && yum clean all',
    'FROM rockylinux:8\nRUN yum update -y && yum clean all',
    'FROM centos:7\nRUN yum groupinstall -y "Development Tools"',
    // Command names are matched as written.
    'FROM centos:7\nRUN /usr/bin/yum install -y httpd',
    'FROM rockylinux:8\nENV GIT_VERSION=2.43.0-1.el8\nRUN yum -y install git-core-${GIT_VERSION}',
    'FROM rockylinux:8\nARG GIT_VERSION=2.43.0-1.el8\nRUN yum -y install git-core-$GIT_VERSION',
    // An ARG counts in later stages too; an ENV through FROM <stage>.
    'FROM rockylinux:8 AS tools\nARG GIT_VERSION=2.43.0-1.el8\nFROM rockylinux:8\nRUN yum -y install git-core-${GIT_VERSION}',
    'FROM rockylinux:8 AS tools\nENV GIT_VERSION=2.43.0-1.el8\nFROM tools\nRUN yum -y install "git-core-${GIT_VERSION}"',
  ],
});

describe('yum-pin-versions findings', () => {
  it('names every unpinned package once per RUN and shows where versions go', () => {
    const dockerfile =
      'FROM centos:7\nRUN yum install -y httpd mod_ssl-2.4.6 && yum module install -y nodejs';
    const hits = hitsOf(rule, dockerfile);
    expect(hits).toHaveLength(1);
    expect(hits[0].message).toContain('httpd, nodejs');
    expect(shownAfter(dockerfile, hits[0])).toBe(
      'RUN yum install -y httpd-X.Y.Z mod_ssl-2.4.6 && yum module install -y nodejs:STREAM',
    );
  });
});
