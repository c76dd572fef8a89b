/**
 * Just enough of the Dockerfile to connect an image to it: the final FROM
 * (base image fallback) and the instruction that made a layer (so a finding
 * names the line to change). The full analyzer lives in ../dockerfile.
 */

export interface DockerfileInstruction {
  keyword: string;
  args: string;
  /** 1-based first and last line. */
  line: number;
  endLine: number;
  text: string;
}

export function parseInstructions(content: string): DockerfileInstruction[] {
  const lines = content.split(/\r?\n/);
  const out: DockerfileInstruction[] = [];
  let current: { start: number; parts: string[]; raw: string[] } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const trimmed = line.trim();
    if (!current && (trimmed === '' || trimmed.startsWith('#'))) continue;
    if (current && trimmed.startsWith('#')) continue;
    const continues = /\\\s*$/.test(line);
    const part = continues ? line.replace(/\\\s*$/, '') : line;
    if (!current) current = { start: i + 1, parts: [], raw: [] };
    current.parts.push(part);
    current.raw.push(line);
    if (!continues) {
      const joined = current.parts.join(' ').trim();
      const m = /^(\w+)\s*(.*)$/s.exec(joined);
      if (m) {
        out.push({
          keyword: m[1].toUpperCase(),
          args: m[2].trim(),
          line: current.start,
          endLine: i + 1,
          text: current.raw.join('\n'),
        });
      }
      current = undefined;
    }
  }
  return out;
}

/** The image the final stage builds on, following stage aliases and global ARG defaults. */
export function finalBaseImage(
  instructions: DockerfileInstruction[],
): string | undefined {
  const args = new Map<string, string>();
  const stages = new Map<string, string>();
  let last: string | undefined;
  let seenFrom = false;
  for (const ins of instructions) {
    if (ins.keyword === 'ARG' && !seenFrom) {
      const m = /^([A-Za-z_]\w*)(?:=(.*))?$/.exec(ins.args);
      if (m) args.set(m[1], (m[2] ?? '').replace(/^["']|["']$/g, ''));
    }
    if (ins.keyword !== 'FROM') continue;
    seenFrom = true;
    const words = ins.args.split(/\s+/).filter(w => !w.startsWith('--'));
    const image = words[0]?.replace(
      /\$\{?(\w+)(?::-([^}]*))?\}?/g,
      (_, name, dflt) => args.get(name) || dflt || '',
    );
    if (!image) continue;
    const resolved = stages.get(image.toLowerCase()) ?? image;
    if (words[1]?.toLowerCase() === 'as' && words[2])
      stages.set(words[2].toLowerCase(), resolved);
    last = resolved;
  }
  return last === 'scratch' ? undefined : last;
}

function normalizeCommand(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The command a history line ran, without the shell and builder decorations. */
export function historyCommand(createdBy: string): string {
  let s = createdBy.trim();
  s = s.replace(/\s*# buildkit$/, '');
  s = s.replace(/^RUN\s+/, '');
  s = s.replace(/^\|\d+(?:\s+\S+=\S*)*\s+/, '');
  s = s.replace(/^\/bin\/sh -c\s+/, '');
  s = s.replace(/^#\(nop\)\s*/, '');
  return normalizeCommand(s);
}

/** The Dockerfile instruction a history line came from, if it can be told. */
export function instructionForHistory(
  instructions: DockerfileInstruction[],
  createdBy: string,
): DockerfileInstruction | undefined {
  const command = historyCommand(createdBy);
  if (!command) return undefined;
  // classic builders and buildah: "COPY file:<hash> in /dest"; BuildKit: "COPY src /dest"
  const copy =
    /^(?:COPY|ADD)\b.*\sin\s+(\S+)\s*$/.exec(command) ??
    /^(?:COPY|ADD)\s.*\s(\S+)\s*$/.exec(command);
  // Only the final stage's instructions can have made the image's layers.
  let start = 0;
  instructions.forEach((ins, i) => {
    if (ins.keyword === 'FROM') start = i;
  });
  const finalStage = instructions.slice(start);
  for (const ins of finalStage) {
    if (ins.keyword === 'RUN') {
      const args = normalizeCommand(ins.args.replace(/^(?:--\S+\s+)+/, ''));
      if (
        args &&
        (command === args || command.endsWith(args) || args.endsWith(command))
      )
        return ins;
    } else if (copy && (ins.keyword === 'COPY' || ins.keyword === 'ADD')) {
      const words = ins.args.split(/\s+/).filter(w => !w.startsWith('--'));
      const dest = words[words.length - 1];
      if (
        dest === copy[1] ||
        dest.replace(/\/$/, '') === copy[1].replace(/\/$/, '')
      )
        return ins;
    }
  }
  return undefined;
}
