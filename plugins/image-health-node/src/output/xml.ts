/**
 * Text for an XML 1.0 attribute or element: the five markup characters
 * escaped, line breaks and tabs kept as character references (an attribute
 * would otherwise fold them into spaces), and the characters XML 1.0 cannot
 * hold at all (other C0 controls, lone surrogates, U+FFFE/U+FFFF) replaced.
 */
export function xmlText(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === '&') out += '&amp;';
    else if (char === '<') out += '&lt;';
    else if (char === '>') out += '&gt;';
    else if (char === '"') out += '&quot;';
    else if (char === "'") out += '&apos;';
    else if (char === '\n') out += '&#10;';
    else if (char === '\r') out += '&#13;';
    else if (char === '\t') out += '&#9;';
    else if (
      code < 0x20 ||
      (code >= 0xd800 && code <= 0xdfff) ||
      code === 0xfffe ||
      code === 0xffff
    )
      out += '\ufffd';
    else out += char;
  }
  return out;
}
