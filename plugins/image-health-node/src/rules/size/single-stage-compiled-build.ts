import type { Rule } from '../types';
import { compileCommandIn } from './build-steps';
import { sourceOf } from '../../dockerfile/model';

export const rule: Rule = {
  id: 'single-stage-compiled-build',
  title: 'Compiled language built and shipped in one stage',
  category: 'size',
  severity: 'warning',
  equivalents: [],
  description:
    'A Go, Rust, Java, .NET or C program compiled in the only stage ships its compiler, sources and caches. A multi-stage build copies just the artifact into a small runtime image (the seed guide: ~900 MB → ~15 MB for Go).',
  docsUrl: 'https://docs.docker.com/build/building/multi-stage/',
  check({ model }) {
    if (model.stages.length !== 1) return [];
    const stage = model.stages[0];
    const step = compileCommandIn(stage);
    if (!step) return [];
    const lines = [stage.from, ...stage.instructions];
    const buildPart = lines
      .filter(
        i =>
          !['CMD', 'ENTRYPOINT', 'EXPOSE', 'USER', 'HEALTHCHECK'].includes(
            i.keyword,
          ),
      )
      .map(i =>
        i === stage.from
          ? `${sourceOf(model, i).replace(/\s+AS\s+\S+\s*$/i, '')} AS build`
          : sourceOf(model, i),
      );
    const runtimePart = stage.instructions
      .filter(i =>
        ['CMD', 'ENTRYPOINT', 'EXPOSE', 'USER', 'HEALTHCHECK'].includes(
          i.keyword,
        ),
      )
      .map(i => sourceOf(model, i));
    return [
      {
        instruction: step.instruction,
        message: `${step.language} is compiled here and the image ships the whole toolchain with it: the file has a single stage`,
        summary:
          'Split into a build stage and a small runtime stage that copies only the artifact.',
        before: lines.map(i => sourceOf(model, i)).join('\n'),
        after: [
          ...buildPart,
          '',
          'FROM <small runtime image, e.g. gcr.io/distroless/static-debian12>',
          'COPY --from=build <artifact> <artifact>',
          ...runtimePart,
        ].join('\n'),
      },
    ];
  },
};
