import { rule } from './expose-port-out-of-range';
import { describeRule } from '../testing';

// DL3011's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM debian:12.5\nEXPOSE 80000',
    'FROM debian:12.5\nEXPOSE 80000/udp',
    'FROM debian:12.5\nEXPOSE 40000-80000/tcp',
    'FROM debian:12.5\nEXPOSE 80 70000',
  ],
  passes: [
    'FROM debian:12.5\nEXPOSE 60000',
    'FROM debian:12.5\nEXPOSE 65535',
    'FROM debian:12.5\nEXPOSE ${PORT}',
    'FROM debian:12.5\nEXPOSE $PORT',
    'FROM debian:12.5\nEXPOSE 40000-60000/tcp',
    'FROM debian:12.5\nEXPOSE 40000-${PORT_MAX}',
    'FROM debian:12.5\nEXPOSE 80/udp',
  ],
});
