import type { Rule } from '../types';

export const rule: Rule = {
  id: 'expose-ssh-port',
  title: 'SSH port exposed',
  category: 'security',
  severity: 'warning',
  // DS-0004: EXPOSE 22, 22/tcp or 22/udp.
  equivalents: ['DS-0004'],
  description:
    'Exposing port 22 suggests an SSH daemon in the container. Use `docker exec` / `kubectl exec` instead.',
  check({ model }) {
    return model.instructions
      .filter(i => i.keyword === 'EXPOSE')
      .filter(i =>
        i.words.some(w =>
          /^22(\/tcp|\/udp)?$/.test(w.value.replace(/["']/g, '')),
        ),
      )
      .map(instruction => ({
        instruction,
        message: 'port 22 (SSH) is exposed',
        summary: 'Remove port 22 and the SSH server; use exec for debugging.',
      }));
  },
};
