import { rule } from './workdir-relative';
import { describeRule } from '../testing';

// DL3000's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM debian:12.5\nWORKDIR app',
    'FROM debian:12.5\nWORKDIR ./src',
    'FROM debian:12.5\nWORKDIR relative/dir',
    "FROM debian:12.5\nWORKDIR 'relative/dir'",
    'FROM debian:12.5\nWORKDIR "relative/dir"',
    'FROM debian:12.5\nWORKDIR app/$VERSION',
  ],
  passes: [
    'FROM debian:12.5\nWORKDIR /app',
    'FROM debian:12.5\nWORKDIR /usr/local',
    "FROM debian:12.5\nWORKDIR '/usr/local'",
    'FROM debian:12.5\nWORKDIR "/usr/local"',
    'FROM debian:12.5\nWORKDIR ${work}',
    'FROM debian:12.5\nWORKDIR "${dir}"',
    'FROM debian:12.5\nWORKDIR $HOME/app',
    'FROM debian:12.5\nWORKDIR C:\\\\app',
    "FROM debian:12.5\nWORKDIR 'C:\\\\'",
    'FROM debian:12.5\nWORKDIR C:/',
    'FROM debian:12.5\nWORKDIR "C:/"',
  ],
});
