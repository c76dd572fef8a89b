import type { Rule, RuleHit } from '../types';
import { runsWithCommandsNamed } from '../peerCommands';

export const rule: Rule = {
  id: 'cd-in-run',
  title: 'cd in RUN instead of WORKDIR',
  category: 'correctness',
  severity: 'warning',
  // DS-0013 agrees on trivy-checks' cases (rules/trivyChecks.test.ts); Trivy only sees cd at the
  // start of an &&-separated part of the RUN text, so cd after `;` is ours alone.
  equivalents: ['DL3003', 'DS-0013'],
  description:
    '`cd` in a RUN only lasts for that RUN and hides where later steps run. Use WORKDIR to change directory. Unlike hadolint, a RUN that changes to a variable directory (one the RUN makes, e.g. with mktemp) is not reported: WORKDIR cannot name it.',
  docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3003',
  check({ model }) {
    const hits: RuleHit[] = [];
    // One finding per RUN (a RUN before FROM too), as hadolint reports it; unlike
    // most of its RUN rules, DL3003 is not applied to ONBUILD triggers. Only
    // the RUNs that run cd are visited: 1.3 → 0.3 ms per corpus pass.
    for (const { instruction, commands: cds } of runsWithCommandsNamed(
      model,
      'cd',
    )) {
      if (instruction.keyword !== 'RUN') continue;
      // A RUN that works in a directory it makes up (`cd "$tempDir"` after
      // mktemp, then `cd debian` inside it) has no WORKDIR to move to (issue 13:
      // the advice would not build).
      if (cds.some(c => (c.args[0] ?? '').includes('$'))) continue;
      const cd = cds[0];
      hits.push({
        instruction,
        message: `RUN changes directory with cd ${cd.args.join(' ')}`,
        summary: `Use WORKDIR ${cd.args[0] ?? '<dir>'} before the RUN.`,
      });
    }
    return hits;
  },
};
