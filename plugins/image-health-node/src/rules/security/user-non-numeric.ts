import type { Rule } from '../types';
import { hadolintDocsUrl } from '../peer';

const equivalents = ['DL3066'];

/**
 * DL3066: the last USER of the last stage names a user rather than a numeric
 * UID. An orchestrator checks `runAsNonRoot` against the image's user without
 * reading its /etc/passwd: only a number can be verified. A `$VAR` declared
 * by ARG or ENV is left alone (it is usually the UID).
 */
export const rule: Rule = {
  id: 'user-non-numeric',
  title: 'USER is a name, not a numeric UID',
  category: 'security',
  severity: 'info',
  equivalents,
  description:
    "Kubernetes' runAsNonRoot can verify only a numeric UID: with `USER app` the pod is refused, or must set runAsUser itself. `USER 10001` (the UID the image's user has) keeps the check working.",
  docsUrl: hadolintDocsUrl(equivalents),
  check({ model }) {
    // Without any FROM (a fragment), its instructions are judged as one stage.
    const last = model.stages[model.stages.length - 1];
    const instructions = last ? last.instructions : model.instructions;
    const users = instructions.filter(i => i.keyword === 'USER');
    const user = users[users.length - 1];
    if (!user) return [];
    const value = user.args.trim().replace(/^["']|["']$/g, '');
    const [uid, gid] = value.split(':');
    const declared = new Set<string>([...model.globalArgs.keys()]);
    for (const instruction of instructions)
      if (instruction.keyword === 'ARG' || instruction.keyword === 'ENV')
        for (const word of instruction.words)
          declared.add(word.value.split('=')[0]);
    const numericOrDeclared = (part: string | undefined) => {
      if (part === undefined || /^\d+$/.test(part)) return true;
      const name = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(part)?.[1];
      return name !== undefined && declared.has(name);
    };
    if (numericOrDeclared(uid) && numericOrDeclared(gid)) return [];
    return [
      {
        instruction: user,
        message: `USER ${value} names a user, which runAsNonRoot cannot verify`,
        summary: `Use the numeric UID${
          gid === undefined ? '' : ' and GID'
        } of ${uid} (e.g. USER 10001${
          gid === undefined ? '' : ':10001'
        }, the ids you gave it when you created it).`,
      },
    ];
  },
};
