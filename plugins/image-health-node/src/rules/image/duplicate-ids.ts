import type { DuplicateId } from '../../layers/accountFiles';
import type { ImageRule, ImageRuleHit } from './types';

function listed(duplicates: DuplicateId[]): string {
  return duplicates.map(d => `${d.id} (${d.names.join(', ')})`).join('; ');
}

export const rule: ImageRule = {
  id: 'IMG015',
  title: 'Duplicate UID or GID',
  category: 'security',
  severity: 'warning',
  // DKL-LI-0002 ("Be unique UID/GROUPs"): dockle reports a UID of /etc/passwd held twice.
  equivalents: ['DKL-LI-0002'],
  description:
    'Accounts that share a UID (or groups that share a GID) are the same identity to the kernel: a file one of them owns belongs to the other, and a process running as the harmless-looking name has the other’s rights.',
  remediation:
    'Give every account its own UID and every group its own GID (`useradd -u`, `groupadd -g`), and remove the accounts the image does not need.',
  check({ name, deep, instructionForLayer }) {
    if (!deep?.complete) return [];
    const { duplicateUids, duplicateGids, layers } = deep.files.accounts;
    const files: Array<[DuplicateId[], string, string]> = [
      [duplicateUids, 'UIDs shared by several accounts', 'etc/passwd'],
      [duplicateGids, 'GIDs shared by several groups', 'etc/group'],
    ];
    return files
      .filter(([duplicates]) => duplicates.length > 0)
      .map(([duplicates, what, path]): ImageRuleHit => {
        const layer = layers[path];
        return {
          message: `${name} has ${what} in /${path}: ${listed(duplicates)}`,
          layer,
          instruction: instructionForLayer(layer),
        };
      });
  },
};
