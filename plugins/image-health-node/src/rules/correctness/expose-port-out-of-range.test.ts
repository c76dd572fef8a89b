import { rule } from './expose-port-out-of-range';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: [
    'FROM debian:12.5\nEXPOSE 80000',
    'FROM debian:12.5\nEXPOSE 8000-70000/tcp',
  ],
  passes: [
    'FROM debian:12.5\nEXPOSE 65535',
    'FROM debian:12.5\nEXPOSE $PORT',
    'FROM debian:12.5\nEXPOSE 80/udp',
  ],
});
