import { rule } from './toolchain';
import { describeImageRule } from './testing';

describeImageRule(rule, {
  catches: [
    [
      'with the Go toolchain',
      { layers: [{ files: { 'usr/local/go/bin/go': 15_000_000 } }] },
    ],
    [
      'with gcc',
      {
        layers: [
          { files: { 'usr/lib/gcc/x86_64-linux-gnu/12/cc1': 30_000_000 } },
        ],
      },
    ],
  ],
  passes: [
    [
      'with only an empty toolchain directory',
      { layers: [{ files: { 'usr/local/go/VERSION': 10 } }] },
    ],
    [
      'with a built binary only',
      { layers: [{ files: { 'app/main': 8_000_000 } }] },
    ],
  ],
});
