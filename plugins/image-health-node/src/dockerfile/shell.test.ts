import { parseShell } from './shell';

const names = (script: string) => parseShell(script).commands.map(c => c.name);

describe('parseShell', () => {
  it('splits commands on && || ; | & and newlines', () => {
    const { commands } = parseShell('a 1 && b 2 || c; d | e & f\ng');
    expect(commands.map(c => [c.name, c.terminator])).toEqual([
      ['a', '&&'],
      ['b', '||'],
      ['c', ';'],
      ['d', '|'],
      ['e', '&'],
      ['f', '\n'],
      ['g', ''],
    ]);
    expect(commands[4].pipePosition).toBe(1);
    expect(commands[4].pipeline).toBe(commands[3].pipeline);
  });

  it('removes quotes and keeps variables as written', () => {
    const [c] = parseShell(`echo "a b" 'c d' e\\ f "$HOME" \${X:-y}`).commands;
    expect(c.args).toEqual(['a b', 'c d', 'e f', '$HOME', '${X:-y}']);
  });

  it('reads commands inside $(…) and backticks, marked nested', () => {
    const { commands } = parseShell(
      'export ARCH="$(dpkg --print-architecture)"; echo `uname -m`',
    );
    expect(commands.map(c => [c.name, c.nested])).toEqual([
      ['dpkg', true],
      ['export', false],
      ['uname', true],
      ['echo', false],
    ]);
  });

  it('skips reserved words, loop lists and case patterns', () => {
    expect(names('if [ -f x ]; then rm x; else touch x; fi')).toEqual([
      '[',
      'rm',
      'touch',
    ]);
    expect(names('for f in a b c; do echo "$f"; done')).toEqual(['echo']);
    expect(names('case "$a" in x|y) echo xy ;; *) echo other ;; esac')).toEqual(
      ['echo', 'echo'],
    );
    expect(names('while read l; do echo "$l"; done < f')).toEqual([
      'read',
      'echo',
    ]);
    expect(names('{ a; b; } && ( c )')).toEqual(['a', 'b', 'c']);
  });

  it('keeps assignments apart from the command', () => {
    const [c] = parseShell(
      'DEBIAN_FRONTEND=noninteractive FOO="a b" apt-get install -y x',
    ).commands;
    expect(c.assignments).toEqual([
      'DEBIAN_FRONTEND=noninteractive',
      'FOO=a b',
    ]);
    expect(c.name).toBe('apt-get');
  });

  it('does not take redirection targets as arguments', () => {
    const [c] = parseShell('make 2>&1 > /tmp/log < /dev/null').commands;
    expect(c.args).toEqual([]);
  });

  it('skips here-document bodies', () => {
    expect(names('cat <<EOF > /etc/x\nrm -rf /\nEOF\necho done')).toEqual([
      'cat',
      'echo',
    ]);
  });

  it('reports unterminated quotes instead of throwing', () => {
    const script = parseShell('echo "unterminated');
    expect(script.parseError).toMatch(/unterminated/);
    expect(script.commands[0].name).toBe('echo');
  });
});

describe('nested command substitutions inside double quotes', () => {
  it('reads each command once however deep (the fuzzer found 30 levels filling a 4 GB heap)', () => {
    const depth = 30;
    const script = `arch="${'$(h="'.repeat(depth)}uname -m${'")'.repeat(
      depth,
    )}"; echo "$arch"`;
    const { commands, parseError } = parseShell(script);
    expect(parseError).toBeUndefined();
    // the assignment of each level (a command without a name), `arch=…`, and echo
    expect(commands.map(c => c.name)).toEqual([
      ...Array(depth + 1).fill(''),
      'echo',
    ]);
  });

  it('gives a parse error, not a stack overflow, past 256 open substitutions (the fuzzer found 25,000 in one RUN)', () => {
    const script = `echo "${'$("'.repeat(25_000)}"`;
    const { parseError } = parseShell(script);
    expect(parseError).toMatch(/nested more than 256 deep/);
    // 200 levels are still read as usual.
    expect(
      parseShell(`echo "${'$("'.repeat(200)}x${'")'.repeat(200)}"`).parseError,
    ).toBeUndefined();
  });

  it('still reads the commands of a substitution inside a substitution', () => {
    const { commands } = parseShell('x="$(dirname "$(which node)")"');
    expect(commands.map(c => c.name).sort()).toEqual(['', 'dirname', 'which']);
  });
});
