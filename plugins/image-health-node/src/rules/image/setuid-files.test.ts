import { rule } from './setuid-files';
import { describeImageRule } from './testing';

describeImageRule(rule, {
  catches: [
    [
      'with a setuid passwd',
      { layers: [{ files: { 'usr/bin/passwd': { size: 60, mode: 0o4755 } } }] },
    ],
    [
      'with a setgid binary',
      { layers: [{ files: { 'usr/bin/wall': { size: 30, mode: 0o2755 } } }] },
    ],
  ],
  passes: [
    [
      'with plain executables',
      { layers: [{ files: { 'usr/bin/app': { size: 60, mode: 0o755 } } }] },
    ],
    [
      'whose setuid file a later layer deleted',
      {
        layers: [
          { files: { 'usr/bin/passwd': { size: 60, mode: 0o4755 } } },
          { files: { 'usr/bin/.wh.passwd': 0 } },
        ],
      },
    ],
    ['not read deeply', { config: {} }],
  ],
});
