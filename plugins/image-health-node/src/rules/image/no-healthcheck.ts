import type { ImageRule } from './types';

export const rule: ImageRule = {
  id: 'IMG003',
  title: 'No HEALTHCHECK',
  category: 'correctness',
  severity: 'info',
  equivalents: ['CIS-DI-0006', 'DS-0026'],
  description:
    'The image defines no HEALTHCHECK, so Docker and Compose cannot tell a hung service from a healthy one.',
  remediation:
    "Add a HEALTHCHECK that probes the service, or rely on your orchestrator's probes and ignore this rule.",
  check({ name, healthcheck }) {
    return healthcheck ? [] : [{ message: `${name} defines no HEALTHCHECK` }];
  },
};
