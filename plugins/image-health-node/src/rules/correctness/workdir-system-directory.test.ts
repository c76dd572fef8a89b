import { rule } from './workdir-system-directory';
import { describeRule } from '../testing';

// trivy-checks' DS-0030 cases are in rules/trivyChecks.test.ts; these are the edges.
describeRule(rule, {
  catches: [
    'FROM debian:12\nWORKDIR /proc',
    'FROM debian:12\nWORKDIR /dev/shm/app',
    "FROM debian:12\nWORKDIR '/boot/app'",
  ],
  passes: [
    'FROM debian:12\nWORKDIR /app/proc',
    'FROM debian:12\nWORKDIR /devices',
    'FROM debian:12\nWORKDIR /srv/dev',
  ],
});
