import type { Rule } from '../types';
import { flagOf } from '../../dockerfile/model';
import { hadolintDocsUrl } from '../peer';

const equivalents = ['DL3065'];

/** DL3065: `FROM --platform=$TARGETPLATFORM` says what the builder does anyway. */
export const rule: Rule = {
  id: 'from-platform-target-redundant',
  title: 'FROM --platform=$TARGETPLATFORM is the default',
  category: 'base-image',
  severity: 'info',
  equivalents,
  description:
    'A stage is built for the target platform unless told otherwise: `--platform=$TARGETPLATFORM` changes nothing and reads as if it did.',
  docsUrl: hadolintDocsUrl(equivalents),
  check({ model }) {
    return model.stages.flatMap(stage => {
      const platform = flagOf(stage.from, 'platform');
      const value = platform?.value ?? '';
      if (
        !platform ||
        (value !== '$TARGETPLATFORM' && value !== '${TARGETPLATFORM}')
      )
        return [];
      let end = platform.end;
      while (model.text[end] === ' ' || model.text[end] === '\t') end++;
      return [
        {
          instruction: stage.from,
          message: `FROM --platform=${value} repeats the default`,
          summary: 'Drop the --platform flag.',
          edits: [{ start: platform.start, end, text: '' }],
        },
      ];
    });
  },
};
