import { rule } from './git-directory';
import { describeImageRule } from './testing';

describeImageRule(rule, {
  catches: [
    [
      'with the repository copied in',
      { layers: [{ files: { 'app/.git/HEAD': 23 } }] },
    ],
  ],
  passes: [
    ['with sources only', { layers: [{ files: { 'app/src/main.go': 230 } }] }],
    [
      "with a package's vendored .git under /usr/share",
      { layers: [{ files: { 'usr/share/x/.git/HEAD': 23 } }] },
    ],
    [
      'with a .gitignore file',
      { layers: [{ files: { 'app/.gitignore': 23 } }] },
    ],
  ],
});
