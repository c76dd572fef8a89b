import { rule } from './expose-ssh-port';
import { describeRule } from '../testing';

// DS-0004's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM debian:12.5\nEXPOSE 22',
    'FROM debian:12.5\nEXPOSE 22/tcp',
    'FROM debian:12.5\nEXPOSE 22/udp',
    'FROM debian:12.5\nEXPOSE 80 22/tcp',
  ],
  passes: [
    'FROM debian:12.5\nEXPOSE 8080',
    'FROM debian:12.5\nEXPOSE 2222',
    'FROM debian:12.5\nEXPOSE 220',
  ],
});
