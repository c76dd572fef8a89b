import type { ImageRule } from './types';

/** Paths named in the message; the count says how many there are in all. */
const LISTED = 10;

export const rule: ImageRule = {
  id: 'IMG004',
  title: 'setuid/setgid files',
  category: 'security',
  severity: 'info',
  equivalents: ['CIS-DI-0008'],
  description:
    "Files with the setuid or setgid bit let a process gain another user's privileges.",
  remediation:
    'Remove the bit from binaries the service does not need: `RUN find / -xdev -perm /6000 -type f -exec chmod a-s {} +`.',
  check({ name, deep }) {
    if (!deep?.complete) return [];
    const { setuidFiles } = deep.files;
    if (setuidFiles.length === 0) return [];
    const list = setuidFiles.slice(0, LISTED).map(f => f.path);
    return [
      {
        message: `${name} has ${
          setuidFiles.length
        } setuid/setgid files: ${list.join(', ')}${
          setuidFiles.length > list.length ? ', …' : ''
        }`,
      },
    ];
  },
};
