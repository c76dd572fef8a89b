import { rule } from './multiple-entrypoint';
import { describeRule } from '../testing';

// DL4004 / DS-0007's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM debian:12.5\nENTRYPOINT a\nENTRYPOINT b',
    'FROM debian:12.5\nENTRYPOINT bash\nRUN make\nENTRYPOINT other',
    'FROM debian:12 AS one\nENTRYPOINT bash\nRUN make\nENTRYPOINT other\nFROM debian:12 AS two\nENTRYPOINT other',
  ],
  passes: [
    'FROM busybox:1.36',
    'ENTRYPOINT /bin/true',
    'FROM debian:12.5\nENTRYPOINT ["a"]',
    'FROM a:1 AS x\nENTRYPOINT a\nFROM b:1\nENTRYPOINT b',
  ],
});
