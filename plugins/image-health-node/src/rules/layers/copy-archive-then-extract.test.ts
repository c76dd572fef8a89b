import { rule } from './copy-archive-then-extract';
import { describeRule, hitsOf } from '../testing';

// DL3010's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    // extracted by its full path
    'FROM debian:12.5\nCOPY site-bundle.tar /srv/www\nRUN tar -xf /srv/www/site-bundle.tar',
    // extracted by name, after WORKDIR, in the middle of a chain
    'FROM debian:12.5\nCOPY site-bundle.tar /srv/www\nWORKDIR /srv/www\nRUN mkdir -p html && echo unpacking && tar -xf site-bundle.tar',
    // the destination names the archive
    'FROM debian:12.5\nCOPY dist/out/site-bundle.tar /bundle.tar\nRUN tar -xf /bundle.tar',
    // Windows paths
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY dist\\pkg\\tool.tar.gz "C:\\Tools\\Pkg"\nRUN tar -xf "C:\\Tools\\Pkg\\tool.tar.gz"',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY dist\\pkg\\tool.tar.gz "C:\\Tools\\pkg.tar.gz"\nRUN tar -xf pkg.tar.gz',
    // no FROM at all
    'COPY site-bundle.tar /srv/www\nRUN tar -xf /srv/www/site-bundle.tar',
    // long option, decompressors
    'FROM debian:12.5\nCOPY data.tgz /tmp/\nRUN tar --extract --file /tmp/data.tgz -C /opt',
    'FROM debian:12.5\nCOPY dump.sql.gz /tmp/\nRUN gunzip /tmp/dump.sql.gz',
    'FROM debian:12.5\nCOPY ["data.tar.xz", "/tmp/"]\nRUN cd /tmp && tar -xJf data.tar.xz',
  ],
  passes: [
    // never extracted; the next FROM starts afresh
    'FROM debian:12.5\nCOPY site-bundle.tar /srv/www\nFROM debian:12.5 AS next',
    'FROM debian:12.5\nCOPY site-bundle.tar /srv/www\nFROM debian:12.5\nRUN tar -xf /srv/www/site-bundle.tar',
    // not an archive
    'FROM node:20.11\nCOPY package.json /srv/app',
    // from another stage: not a local file ADD could unpack
    'FROM debian:12.5\nCOPY --from=build /out/site-bundle.tar /opt/site-bundle.tar\nRUN tar -xf /opt/site-bundle.tar',
    // extracted before it is copied, another archive, or only listed
    'FROM debian:12.5\nRUN tar -xf /srv/www/site-bundle.tar\nCOPY site-bundle.tar /srv/www',
    'FROM debian:12.5\nCOPY site-bundle.tar /srv/www\nRUN tar -xf /srv/www/other.tar',
    'FROM debian:12.5\nCOPY site-bundle.tar /srv/www\nRUN tar -tf /srv/www/site-bundle.tar',
    // zip is not among the archives hadolint knows
    'FROM debian:12.5\nCOPY app.zip /tmp/\nRUN unzip /tmp/app.zip',
  ],
});

describe('copy-archive-then-extract findings', () => {
  it('points at the COPY, once per COPY', () => {
    const hits = hitsOf(
      rule,
      'FROM debian:12.5\nCOPY a.tar b.tgz /tmp/\nCOPY c.txt /tmp/\nRUN tar -xf /tmp/a.tar && tar -xzf /tmp/b.tgz',
    );
    expect(hits.map(h => h.instruction?.line)).toEqual([2]);
  });
});
