import type { Rule } from '../types';
import { sourceOf } from '../../dockerfile/model';
import { stageChain } from '../support';

export const rule: Rule = {
  id: 'no-healthcheck',
  title: 'No HEALTHCHECK',
  category: 'security',
  severity: 'info',
  // Not DS-0026: Trivy accepts a HEALTHCHECK in any stage, even one the image does not build on.
  equivalents: ['CIS-DI-0006', 'DL3057'],
  differsFrom: {
    DL3057:
      'hadolint also reports a builder stage that neither has nor inherits a HEALTHCHECK; a builder is never run as a service, so only the image built (the final stage and the stages it builds on) is judged here. hadolint has DL3057 off by default; this rule is on, as info, because CIS Docker Benchmark 4.6 asks for it.',
  },
  description:
    'Without HEALTHCHECK, Docker and Swarm cannot tell a hung service from a healthy one. (Kubernetes uses its own probes; ignore this rule there.)',
  check({ model }) {
    const final = model.stages.find(s => s.final);
    if (!final) return [];
    const chain = stageChain(model, final);
    if (chain.some(s => s.instructions.some(i => i.keyword === 'HEALTHCHECK')))
      return [];
    return [
      {
        instruction: final.from,
        message: 'the image defines no HEALTHCHECK',
        summary: 'Add a HEALTHCHECK that probes the service.',
        before: sourceOf(model, final.from),
        after: `${sourceOf(
          model,
          final.from,
        )}\n…\nHEALTHCHECK --interval=30s --timeout=3s CMD <probe, e.g. wget -qO- http://localhost:8080/healthz || exit 1>`,
      },
    ];
  },
};
