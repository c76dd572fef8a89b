import type { Rule } from '../types';
import type { DockerfileModel, Instruction } from '../../dockerfile/model';
import { stageReaches } from '../../dockerfile/stages';
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
  differsFrom: {
    DL3029:
      "hadolint accepts `--platform=$BUILDPLATFORM` on any stage; here it is reported on the stage that ships (issue 13): that image would carry the build machine's binaries, not the target's.",
  },
  description:
    '`FROM --platform=linux/amd64` pulls that platform’s image whatever the build targets: on an arm64 machine the image runs emulated, and a multi-platform build gets the same binaries twice. Drop the flag, or use `--platform=$BUILDPLATFORM` for a stage that cross-compiles; the stage that ships on `$BUILDPLATFORM` is reported too (issue 13).',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3029',
  check({ model }) {
    return model.instructions.flatMap(instruction => {
      if (instruction.keyword !== 'FROM') return [];
      const platform = flagOf(instruction, 'platform');
      if (!platform) return [];
      const value = platform.value ?? '';
      if (/BUILDPLATFORM/.test(value) && shipsFrom(model, instruction)) {
        // The image that ships is built for the build machine: a
        // multi-platform build gets the builder's binaries for every target.
        let end = platform.end;
        while (model.text[end] === ' ' || model.text[end] === '\t') end++;
        return [
          {
            instruction,
            message: `FROM --platform=${value} builds the stage that ships for the build machine, not the target platform`,
            summary:
              'Keep $BUILDPLATFORM for stages that cross-compile; let the shipped stage take the target platform (drop --platform, or use $TARGETPLATFORM).',
            edits: [{ start: platform.start, end, text: '' }],
          },
        ];
      }
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

/** Whether the FROM starts a stage whose files ship (dockerfile/stages.ts). */
function shipsFrom(model: DockerfileModel, from: Instruction): boolean {
  return stageReaches(model)[from.stage] === 'shipped';
}
