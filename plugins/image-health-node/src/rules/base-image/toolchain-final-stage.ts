import type { Rule } from '../types';
import { fromWithImage, toolchainOf } from './images';
import { compileCommandIn } from '../size/build-steps';

export const rule: Rule = {
  id: 'toolchain-final-stage',
  title: 'Compiler toolchain image is the final stage',
  category: 'base-image',
  severity: 'warning',
  unshipped: 'info',
  equivalents: [],
  description:
    'Shipping golang, rust, gcc, maven/gradle, a JDK or the .NET SDK as the runtime image adds hundreds of MB of compiler nobody runs. Build in a stage, copy the artifact into a runtime image.',
  check({ model }) {
    const stage = model.stages.find(s => s.final);
    if (!stage || stage.baseStage !== undefined) return [];
    const toolchain = toolchainOf(stage);
    if (!toolchain) return [];
    // A single stage that compiles is reported by single-stage-compiled-build.
    if (model.stages.length === 1 && compileCommandIn(stage)) return [];
    return [
      {
        instruction: stage.from,
        message: `the final stage runs on ${stage.image.resolved}, a ${toolchain.language} build toolchain`,
        summary: `Ship on ${toolchain.runtime} and COPY --from the build stage.`,
        after: `${fromWithImage(stage, stage.image.raw)}\n# … build …\nFROM ${
          toolchain.runtime.split(' ')[0]
        }\nCOPY --from=<build-stage> <artifact> <artifact>`,
      },
    ];
  },
};
