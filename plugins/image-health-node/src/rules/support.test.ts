import { parseDockerfile } from '../dockerfile/parse';
import { applyEditsTo, variablesUsedIn, withoutQuotes } from './support';

describe('applyEditsTo', () => {
  it('applies thousands of edits to one long line in one pass, each where it was aimed', () => {
    const words = Array.from({ length: 30_000 }, (_, i) =>
      i % 2 ? 'dup' : `pkg${i}`,
    );
    const text = `FROM alpine:3.20\nRUN apk add ${words.join(' ')}\n`;
    const model = parseDockerfile(text);
    const run = model.instructions[1];
    // remove every " dup"
    const edits = [];
    for (
      let at = text.indexOf(' dup');
      at >= 0;
      at = text.indexOf(' dup', at + 1)
    )
      edits.push({ start: at, end: at + 4, text: '' });
    expect(edits).toHaveLength(15_000);
    expect(applyEditsTo(model, run, edits)).toBe(
      `RUN apk add ${words.filter(w => w !== 'dup').join(' ')}`,
    );
  });

  it('puts insertions at one point last-given first, and ignores edits outside the instruction', () => {
    const text = 'FROM alpine:3.20\nRUN apk add curl\n';
    const model = parseDockerfile(text);
    const run = model.instructions[1];
    const at = text.indexOf('curl');
    expect(
      applyEditsTo(model, run, [
        { start: at, end: at, text: 'b ' },
        { start: at, end: at, text: 'a ' },
        { start: 0, end: 4, text: 'NOPE' },
      ]),
    ).toBe('RUN apk add a b curl');
  });
});

describe('variablesUsedIn', () => {
  it('reads $name and ${name}, and ${name:-default} only when asked to', () => {
    const text = 'x=$A/${B} ${C:-d} $$D ${E $F_1x \\$G';
    expect([...variablesUsedIn(text)].sort()).toEqual([
      'A',
      'B',
      'D',
      'F_1x',
      'G',
    ]);
    expect([...variablesUsedIn(text, { operators: true })].sort()).toEqual([
      'A',
      'B',
      'C',
      'D',
      'E',
      'F_1x',
      'G',
    ]);
  });
});

describe('withoutQuotes', () => {
  it('takes the quotes off both ends, however many', () => {
    expect(withoutQuotes('"/app/"')).toBe('/app/');
    expect(withoutQuotes(`'"/a b"'`)).toBe('/a b');
    expect(withoutQuotes('/app')).toBe('/app');
    expect(withoutQuotes(`${'"'.repeat(50_000)}x${"'".repeat(50_000)}`)).toBe(
      'x',
    );
    expect(withoutQuotes('"'.repeat(10))).toBe('');
  });
});
