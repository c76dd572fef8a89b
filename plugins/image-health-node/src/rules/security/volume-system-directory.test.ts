import { rule } from './volume-system-directory';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: [
    'FROM debian:12\nVOLUME /proc',
    'FROM debian:12\nVOLUME ["/data", "/sys"]',
    'FROM debian:12\nVOLUME /data /dev/',
  ],
  passes: [
    'FROM debian:12\nVOLUME /data',
    'FROM debian:12\nVOLUME ["/var/lib/proc"]',
    'FROM debian:12\nVOLUME /dev/shm',
  ],
});
