import { rule } from './sudo-installed';
import { describeImageRule } from './testing';

describeImageRule(rule, {
  catches: [
    [
      'with sudo',
      {
        layers: [
          { files: { 'usr/bin/sudo': { size: 200_000, mode: 0o4755 } } },
        ],
      },
    ],
    [
      'with sudo in /usr/local',
      { layers: [{ files: { 'usr/local/bin/sudo': 200_000 } }] },
    ],
  ],
  passes: [
    ['without sudo', { layers: [{ files: { 'usr/bin/su': 60_000 } }] }],
    [
      'with sudo documentation',
      { layers: [{ files: { 'usr/share/doc/sudo/README': 900 } }] },
    ],
    [
      'whose sudo a later layer removed',
      {
        layers: [
          { files: { 'usr/bin/sudo': 200_000 } },
          { files: { 'usr/bin/.wh.sudo': 0 } },
        ],
      },
    ],
    ['not read deeply', { config: {} }],
  ],
});
