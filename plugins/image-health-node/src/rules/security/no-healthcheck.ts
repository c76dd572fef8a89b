import type { Rule } from '../types';
import { sourceOf } from '../../dockerfile/model';

export const rule: Rule = {
  id: 'no-healthcheck',
  title: 'No HEALTHCHECK',
  category: 'security',
  severity: 'info',
  // Not DS-0026: Trivy accepts a HEALTHCHECK in any stage, even one the image does not build on.
  // Not DL3057: hadolint reports every stage that neither has nor inherits a HEALTHCHECK (a builder
  // stage too), and counts one in a later stage built on it; this rule judges the image built.
  equivalents: ['CIS-DI-0006'],
  description:
    'Without HEALTHCHECK, Docker and Swarm cannot tell a hung service from a healthy one. (Kubernetes uses its own probes; ignore this rule there.)',
  check({ model }) {
    const final = model.stages.find(s => s.final);
    if (!final) return [];
    const chain: Array<typeof final> = [];
    for (
      let s: typeof final | undefined = final;
      s;
      s = s.baseStage !== undefined ? model.stages[s.baseStage] : undefined
    ) {
      if (chain.includes(s)) break;
      chain.push(s);
    }
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
