import type { Rule } from '../types';
import { argumentsOf } from '../support';
import type { DockerfileModel, Instruction } from '../../dockerfile/model';
import { isWindows } from '../security/user';

export const rule: Rule = {
  id: 'add-remote-url',
  title: 'ADD of a URL',
  category: 'layers',
  severity: 'warning',
  equivalents: [],
  description:
    'ADD <url> stores the downloaded file in its own layer, even if a later RUN extracts and deletes it, and it is not verified unless --checksum is given. Download, verify, extract and delete in one RUN.',
  check({ model }) {
    return model.instructions
      .filter(
        i => i.keyword === 'ADD' && !i.flags.some(f => f.name === 'checksum'),
      )
      .filter(i =>
        argumentsOf(i, { unquoted: true })
          .slice(0, -1)
          .some(s => /^(https?|ftp):\/\//i.test(s)),
      )
      .map(instruction => {
        const words = argumentsOf(instruction, { unquoted: true });
        const url = words.find(s => /^(https?|ftp):\/\//i.test(s))!;
        const dest = words[words.length - 1];
        return {
          instruction,
          message: `ADD downloads ${url} into a layer of its own`,
          summary:
            'Download, check and unpack in one RUN, removing the archive in the same RUN.',
          after: isWindows(model.stages[instruction.stage])
            ? windowsDownload(model, instruction, url, dest)
            : `RUN curl -fsSL -o /tmp/download ${url} \\\n    && echo "<sha256>  /tmp/download" | sha256sum -c - \\\n    && <unpack or move to ${dest}> \\\n    && rm /tmp/download`,
        };
      });
  },
};

/**
 * The same download for a Windows stage, in PowerShell (issue 13: never
 * /bin/sh there): run through the stage's SHELL when it is PowerShell.
 */
function windowsDownload(
  model: DockerfileModel,
  instruction: Instruction,
  url: string,
  dest: string,
): string {
  const shell = model.stages[instruction.stage].instructions.filter(
    i => i.keyword === 'SHELL' && i.json && i.index < instruction.index,
  );
  const script = `Invoke-WebRequest -UseBasicParsing -Uri '${url}' -OutFile '${dest}'; if ((Get-FileHash '${dest}' -Algorithm SHA256).Hash -ne '<sha256>') { exit 1 }`;
  const powershell = /powershell|pwsh/i.test(
    shell[shell.length - 1]?.json?.[0] ?? '',
  );
  return powershell
    ? `RUN ${script}`
    : `RUN powershell -Command "${script.replace(/"/g, '\\"')}"`;
}
