import { rule } from './add-instead-of-copy';
import { describeRule } from '../testing';

// DL3020's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM debian:12.5\nADD app.py /app/',
    'FROM debian:12.5\nADD ["src", "/src"]',
    'FROM debian:12.5\nADD bundle.zip /app/',
    'FROM debian:12.5\nADD "bundle.zip" /app/',
    'FROM debian:12.5\nADD rootfs.tar config.yml /',
    'FROM debian:12.5\nADD ftp://example.com/x.txt /tmp/',
  ],
  passes: [
    'FROM debian:12.5\nADD rootfs.tar /',
    'FROM debian:12.5\nADD rootfs.tar.xz /',
    'FROM debian:12.5\nADD data.gz /data/',
    'FROM debian:12.5\nADD data.bz2 /data/',
    'FROM debian:12.5\nADD data.xz /data/',
    'FROM debian:12.5\nADD data.tgz /data/',
    'FROM debian:12.5\nADD "data.tgz" /data/',
    'FROM debian:12.5\nADD http://example.com/file /tmp/',
    'FROM debian:12.5\nADD "https://example.com/file" /tmp/',
    'FROM debian:12.5\nADD https://example.com/x.tgz /tmp/',
    'FROM debian:12.5\nCOPY app.py /app/',
  ],
});
