import type { Rule } from '../types';
import { compileCommandIn, purgesBuildDependencies } from './build-steps';
import { sourceOf } from '../../dockerfile/model';

/** A runtime image each language's artifact runs on (a .NET build does not run on distroless/static). */
const RUNTIME_EXAMPLES: Record<string, string> = {
  Go: 'gcr.io/distroless/static-debian12',
  Rust: 'gcr.io/distroless/cc-debian12',
  'C/C++': 'gcr.io/distroless/cc-debian12',
  Java: 'eclipse-temurin:21-jre',
  '.NET':
    'mcr.microsoft.com/dotnet/aspnet:8.0 (and dotnet publish, not dotnet run)',
};

export const rule: Rule = {
  id: 'single-stage-compiled-build',
  title: 'Compiled language built and shipped in one stage',
  category: 'size',
  severity: 'warning',
  unshipped: 'info',
  equivalents: [],
  description:
    'A Go, Rust, Java, .NET or C program compiled in the only stage ships its compiler, sources and caches. A multi-stage build copies just the artifact into a small runtime image (the seed guide: ~900 MB → ~15 MB for Go).',
  docsUrl: 'https://docs.docker.com/build/building/multi-stage/',
  check({ model }) {
    if (model.stages.length !== 1) return [];
    const stage = model.stages[0];
    const step = compileCommandIn(stage);
    // A build that removes its toolchain in the same RUN ships only its output.
    if (!step || purgesBuildDependencies(step.instruction)) return [];
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
          `FROM <small runtime image for ${step.language}, e.g. ${
            RUNTIME_EXAMPLES[step.language] ?? 'debian:bookworm-slim'
          }>`,
          'COPY --from=build <artifact> <artifact>',
          ...runtimePart,
        ].join('\n'),
      },
    ];
  },
};
