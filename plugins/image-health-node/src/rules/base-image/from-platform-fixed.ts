import type { Rule } from '../types';
import { flagOf } from '../../dockerfile/model';

/**
 * DL3029: `FROM --platform=…` with a value that names neither BUILDPLATFORM
 * nor TARGETPLATFORM (which the builder fills in) fixes the platform the
 * stage is built for, whatever platform the build asks for.
 */
export const rule: Rule = {
  id: 'from-platform-fixed',
  title: 'FROM --platform with a fixed value',
  category: 'base-image',
  severity: 'warning',
  equivalents: ['DL3029'],
  description:
    '`FROM --platform=linux/amd64` pulls that platform’s image whatever the build targets: on an arm64 machine the image runs emulated, and a multi-platform build gets the same binaries twice. Drop the flag, or use `--platform=$BUILDPLATFORM` for a stage that cross-compiles.',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3029',
  check({ model }) {
    return model.instructions.flatMap(instruction => {
      if (instruction.keyword !== 'FROM') return [];
      const platform = flagOf(instruction, 'platform');
      if (!platform) return [];
      const value = platform.value ?? '';
      if (/BUILDPLATFORM|TARGETPLATFORM/.test(value)) return [];
      let end = platform.end;
      while (model.text[end] === ' ' || model.text[end] === '\t') end++;
      return [
        {
          instruction,
          message: `FROM --platform=${value} builds this stage for one platform`,
          summary:
            'Drop --platform and let the build choose (docker build --platform …), or use $BUILDPLATFORM for a cross-compiling stage.',
          edits: [{ start: platform.start, end, text: '' }],
        },
      ];
    });
  },
};
