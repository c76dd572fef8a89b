import { RULES } from './index';
import { IMAGE_RULES } from './image';
import { catches } from './testing';

/**
 * Trivy's Dockerfile checks (DS-…) claimed by our rules, judged on trivy-checks' own
 * test cases (`checks/docker/*_test.rego`, their parsed Dockerfiles written back as
 * text): one rule claiming the id fails each case Trivy denies, and none fails a case
 * it allows. Ids claimed before this table have their cases in their rule's test.
 */
const TRIVY_CASES: Record<string, { catches: string[]; passes: string[] }> = {
  // checks/docker/unix_ports_out_of_range_test.rego
  'DS-0008': {
    catches: [
      'FROM alpine:3.3\nRUN apk --no-cache add nginx\nEXPOSE 65536/tcp 80 443 22\nCMD nginx -g daemon off;',
    ],
    passes: [
      'FROM alpine:3.3\nRUN apk --no-cache add nginx\nEXPOSE 65530/tcp 80 443 22\nCMD nginx -g daemon off;',
    ],
  },
  // checks/docker/workdir_path_not_absolute_test.rego
  'DS-0009': {
    catches: [
      'FROM alpine:3.5\nRUN apk add --update py2-pip\nWORKDIR /path/to/workdir\nWORKDIR workdir',
    ],
    passes: [
      'FROM alpine:3.3\nRUN apk --no-cache add nginx',
      'FROM alpine:3.3\nRUN apk --no-cache add nginx\nWORKDIR /path/to/workdir',
      'FROM alpine:3.3\nRUN apk --no-cache add nginx\nWORKDIR "/path/to/workdir"',
    ],
  },
  // checks/docker/run_using_sudo_test.rego
  'DS-0010': {
    catches: [
      'FROM alpine:3.5\nRUN apk add --update py2-pip\nRUN sudo pip install --upgrade pip\nCMD python /usr/src/app/app.py',
      'FROM alpine:3.5\nRUN RUN apk add bash && sudo pip install --upgrade pip',
      'FROM alpine:3.5\nRUN RUN sudo pip install --upgrade pip\nRUN RUN apk add bash && sudo pip install --upgrade pip',
    ],
    passes: [
      'FROM alpine:3.5\nRUN apk add --update py2-pip\nRUN apt-get install sudo\nCMD python /usr/src/app/app.py',
    ],
  },
  // checks/docker/run_command_cd_instead_of_workdir_test.rego
  'DS-0013': {
    catches: [
      'FROM nginx\nRUN cd /usr/share/nginx/html\nCMD cd /usr/share/nginx/html && sed -e s/Docker/"$AUTHOR"/ Hello_docker.html > index.html ; nginx -g \'daemon off;\'',
      'FROM nginx\nENV AUTHOR Docker\nRUN apt-get install vim && cd /usr/share/nginx/html\nCMD cd /usr/share/nginx/html && sed -e s/Docker/"$AUTHOR"/ Hello_docker.html > index.html ; nginx -g \'daemon off;\'',
    ],
    passes: [
      'FROM nginx\nWORKDIR /usr/share/nginx/html\nCOPY Hello_docker.html /usr/share/nginx/html\nCMD cd /usr/share/nginx/html && sed -e s/Docker/"$AUTHOR"/ Hello_docker.html > index.html ; nginx -g \'daemon off;\'',
    ],
  },
  // checks/docker/run_using_wget_and_curl_test.rego
  'DS-0014': {
    catches: [
      'FROM debian\nRUN wget http://google.com\nRUN curl http://bing.com',
      'FROM baseImage\nRUN wget http://google.com\nRUN curl http://bing.com',
    ],
    passes: [
      'FROM debian\nRUN curl http://bing.com\nRUN curl http://google.com',
      'FROM debian\nRUN curl http://bing.com\nRUN apt-get update && apt-get install wget',
      'FROM alpine\nRUN wget http://google.com\nFROM alpine\nRUN curl http://bing.com',
    ],
  },
  // checks/docker/apt_get_missing_yes_flag_to_avoid_manual_input_test.rego
  'DS-0021': {
    catches: [
      'FROM node:12\nRUN apt-get install python=2.7',
      'FROM node:12\nRUN apt-get install apt-utils',
    ],
    passes: [
      'FROM node:12\nRUN apt-get -fmy install apt-utils',
      'FROM node:12\nRUN apt-get install -fmy apt-utils',
      'FROM node:12\nRUN apt-get install --assume-yes apt-utils',
      'FROM node:12\nRUN apt-get --yes -q install apt-utils',
      'FROM node:12\nRUN apt-get update && apt-get -y install apt-utils',
      'FROM debian:11-slim\nRUN apt-get update && apt-get install tzdata postgresql-10 -y && rm -rf /var/lib/apt/lists/*',
    ],
  },
  // checks/docker/missing_apk_no_cache_test.rego
  'DS-0025': {
    catches: [
      'FROM alpine:3.17\nRUN apk add python3\nRUN pip install --no-cache-dir -r /usr/src/app/requirements.txt\nCMD python /usr/src/app/app.py\nFROM alpine:3.4\nRUN',
      'FROM alpine:3.17\nRUN apk add python3\nRUN pip install --no-cache-dir -r /usr/src/app/requirements.txt\nCMD python /usr/src/app/app.py',
      'FROM alpine:3.5\nRUN apk add --no-cacher bash',
      'FROM alpine:3.17\nRUN apk upgrade --no-cache && apk add python3\nRUN pip install --no-cache-dir -r /usr/src/app/requirements.txt\nCMD python /usr/src/app/app.py',
    ],
    passes: [
      'FROM alpine:3.14\nRUN apk add bash --no-cache',
      'FROM alpine:3.17\nRUN apk add --no-cache python3\nRUN pip install --no-cache-dir -r /usr/src/app/requirements.txt\nCMD python /usr/src/app/app.py',
    ],
  },
  // checks/docker/apt_get_missing_no_install_recommends_test.rego
  'DS-0029': {
    catches: [
      'FROM node:12\nRUN apt-get install -y python=2.7',
      'FROM node:12\nRUN apt-get install -y apt-utils',
    ],
    passes: [
      'FROM node:12\nRUN apt-get -fmy install --no-install-recommends apt-utils',
      'FROM node:12\nRUN apt-get --no-install-recommends install -fmy apt-utils',
      'FROM node:12\nRUN apt-get --yes -q --no-install-recommends install apt-utils',
      'FROM node:12\nRUN apt-get update && apt-get --no-install-recommends -y install apt-utils',
      'FROM debian:11-slim\nRUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y tzdata postgresql-10 --no-install-recommends && rm -rf /var/lib/apt/lists/*',
    ],
  },
  // checks/docker/prevent_sys_workdir_mounts_test.rego
  'DS-0030': {
    catches: [
      'FROM alpine:3.5\nRUN apk add --update py2-pip\nWORKDIR /proc/self/fd/1',
      'FROM alpine:3.3\nRUN apk --no-cache add nginx\nWORKDIR "/proc/self/fd/1"',
    ],
    passes: [
      'FROM alpine:3.3\nRUN apk --no-cache add nginx',
      'FROM alpine:3.3\nRUN apk --no-cache add nginx\nWORKDIR /path/to/workdir',
      'FROM alpine:3.3\nRUN apk --no-cache add nginx\nWORKDIR /development',
      'FROM alpine:3.3\nRUN apk --no-cache add nginx\nWORKDIR "/path/to/workdir"',
    ],
  },
  // checks/docker/yum_clean_all_missing_test.rego
  'DS-0015': {
    catches: [
      'FROM alpine:3.5\nRUN yum install vim\nRUN pip install --no-cache-dir -r /usr/src/app/requirements.txt\nCMD python /usr/src/app/app.py\nFROM alpine:3.4\nRUN yum -y install vim && yum clean all',
      'FROM alpine:3.5\nRUN yum clean all && yum -y install',
      'FROM alpine:3.5\nRUN yum -y install bash && yum clean all && yum -y install zsh',
      'FROM alpine:3.5\nRUN yum -y install bash && yum clean metadata',
    ],
    passes: [
      'FROM alpine:3.5\nRUN yum -y install bash && yum clean all && yum -y install zsh && yum clean all',
      'FROM alpine:3.5\nRUN yum install && yum clean all\nRUN pip install --no-cache-dir -r /usr/src/app/requirements.txt\nCMD python /usr/src/app/app.py\nFROM alpine:3.4\nRUN yum -y install && yum clean all',
      'FROM alpine:3.5\nRUN yum clean all',
      'FROM alpine:3.5\nRUN if [ "$TBB" == "default" ]; then  yum -y install tbb tbb-devel && yum clean -y all ; fi',
    ],
  },
  // checks/docker/missing_dnf_clean_all_test.rego
  'DS-0019': {
    catches: [
      "FROM fedora:27\nRUN set -uex &&     dnf config-manager --add-repo https://download.docker.com/linux/fedora/docker-ce.repo &&     sed -i 's/\\$releasever/26/g' /etc/yum.repos.d/docker-ce.repo &&     dnf install -vy docker-ce\nHEALTHCHECK CMD curl --fail http://localhost:3000 || exit 1",
      'FROM alpine:3.5\nRUN dnf clean all && dnf install -vy docker-ce',
      'FROM alpine:3.5\nRUN dnf install bash && dnf clean all && dnf install zsh',
    ],
    passes: [
      "FROM fedora:27\nRUN set -uex &&     dnf config-manager --add-repo https://download.docker.com/linux/fedora/docker-ce.repo &&     sed -i 's/\\$releasever/26/g' /etc/yum.repos.d/docker-ce.repo &&     dnf install -vy docker-ce &&     dnf clean all\nHEALTHCHECK CMD curl --fail http://localhost:3000 || exit 1",
      'FROM alpine:3.5\nRUN dnf install bash && dnf clean all && dnf install zsh && dnf clean all',
    ],
  },
  // checks/docker/missing_microdnf_clean_all_test.rego
  'DS-0027': {
    catches: [
      'FROM ubi8:8.7\nRUN set -uex &&     microdnf install -vy docker-ce\nHEALTHCHECK CMD curl --fail http://localhost:3000 || exit 1',
      'FROM alpine:3.5\nRUN microdnf clean all && microdnf install -vy docker-ce',
      'FROM alpine:3.5\nRUN microdnf install bash && microdnf clean all && microdnf install zsh',
    ],
    passes: [
      'FROM ubi8:8.7\nRUN set -uex &&      microdnf install -vy docker-ce &&     microdnf clean all\nHEALTHCHECK CMD curl --fail http://localhost:3000 || exit 1',
      'FROM alpine:3.5\nRUN microdnf install bash && microdnf clean all && microdnf install zsh && microdnf clean all',
    ],
  },
  // checks/docker/missing_zypper_clean_test.rego
  'DS-0020': {
    catches: [
      'FROM busybox:1.0\nRUN zypper install\nHEALTHCHECK CMD curl --fail http://localhost:3000 || exit 1',
      'FROM busybox:1.0\nRUN zypper patch bash\nHEALTHCHECK CMD curl --fail http://localhost:3000 || exit 1',
      'FROM alpine:3.5\nRUN zypper cc && zypper remove bash',
      'FROM alpine:3.5\nRUN zypper install bash && zypper clean && zypper remove bash',
    ],
    passes: [
      'FROM alpine:3.5\nRUN zypper install bash && zypper clean && zypper remove bash&& zypper cc',
      'FROM alpine:3.5\nRUN zypper install bash && zypper clean\nRUN pip install --no-cache-dir -r /usr/src/app/requirements.txt\nCMD python /usr/src/app/app.py',
    ],
  },
};

describe.each(Object.entries(TRIVY_CASES))('%s', (id, cases) => {
  // Where two rules claim an id, each reports part of what Trivy does, never both the same RUN.
  const claiming = RULES.filter(r => r.equivalents.includes(id));
  const caught = (dockerfile: string) =>
    claiming.filter(r => catches(r, dockerfile)).map(r => r.id);

  it('is claimed by a Dockerfile rule', () => {
    expect(claiming.length).toBeGreaterThan(0);
  });
  it.each(cases.catches)('catches %j', dockerfile => {
    expect(caught(dockerfile)).toHaveLength(1);
  });
  it.each(cases.passes)('passes %j', dockerfile => {
    expect(caught(dockerfile)).toEqual([]);
  });
});

it('the catalogue claims at least 25 Trivy Dockerfile checks', () => {
  const claims = [...RULES, ...IMAGE_RULES].flatMap(r =>
    r.equivalents.filter(e => e.startsWith('DS-')),
  );
  expect(new Set(claims).size).toBeGreaterThanOrEqual(25);
});
