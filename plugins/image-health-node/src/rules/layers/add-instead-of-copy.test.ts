import { rule } from './add-instead-of-copy';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: [
    'FROM debian:12.5\nADD app.py /app/',
    'FROM debian:12.5\nADD ["src", "/src"]',
  ],
  passes: [
    'FROM debian:12.5\nADD rootfs.tar.xz /',
    'FROM debian:12.5\nADD https://example.com/x.tgz /tmp/',
    'FROM debian:12.5\nCOPY app.py /app/',
  ],
});
