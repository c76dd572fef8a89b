import { rule } from './unnecessary-files';
import { describeImageRule } from './testing';

// DKL-LI-0003 ("Only put necessary files"): build files, editor files, IDE folders.
describeImageRule(rule, {
  catches: [
    ['with a .DS_Store', { layers: [{ files: { 'app/.DS_Store': 6148 } }] }],
    [
      'with a vim swap file',
      { layers: [{ files: { 'app/.server.js.swp': 12288 } }] },
    ],
    [
      'with a .vscode folder',
      { layers: [{ files: { 'app/.vscode/settings.json': 80 } }] },
    ],
    ['with the Dockerfile', { layers: [{ files: { 'app/Dockerfile': 300 } }] }],
    [
      'with docker-compose.yml',
      { layers: [{ files: { 'srv/docker-compose.yml': 300 } }] },
    ],
  ],
  passes: [
    [
      'with application code',
      { layers: [{ files: { 'app/server.js': 300 } }] },
    ],
    [
      'with a file named like a swap file',
      { layers: [{ files: { 'app/a.swp': 30 } }] },
    ],
    [
      "with a dependency's Dockerfile",
      { layers: [{ files: { 'app/node_modules/x/Dockerfile': 300 } }] },
    ],
    [
      "with a package's documentation",
      { layers: [{ files: { 'usr/share/doc/x/Dockerfile': 300 } }] },
    ],
    [
      'whose .DS_Store a later layer deleted',
      {
        layers: [
          { files: { 'app/.DS_Store': 6148 } },
          { files: { 'app/.wh..DS_Store': 0 } },
        ],
      },
    ],
    ['not read deeply', { config: {} }],
  ],
});
