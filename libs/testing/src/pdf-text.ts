import { inflateSync } from 'node:zlib';

/** Windows-1252's characters at 0x80–0x9f (the rest of its upper half is Latin-1), for the standard fonts. */
const CP1252_HIGH = '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8dŽ\x8f\x90‘’“”•–—˜™š›œ\x9džŸ';

const decodeHex = (hex: string) =>
  (hex.replace(/\s/g, '').match(/../g) ?? [])
    .map((h) => parseInt(h, 16))
    .map((b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b)))
    .join('');

/**
 * The text lines of a PDF written with the standard fonts (pdfkit's Helvetica: hex strings in `TJ` arrays, one
 * per line of text), compressed or not: enough for a test to read what a report says, not a general parser.
 */
export function pdfTextLines(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  // A stream is read by its dictionary's /Length, not up to "endstream": compressed bytes may end in \r, which a
  // pattern would take for the line break before "endstream" and so cut the stream short.
  for (const m of raw.matchAll(/\/Length (\d+)[^>]*>>\s*stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const bytes = Buffer.from(raw.slice(start, start + Number(m[1])), 'latin1');
    let content: string;
    try {
      content = inflateSync(bytes).toString('latin1');
    } catch {
      content = bytes.toString('latin1'); // not compressed (or not a content stream): read as it is
    }
    for (const t of content.matchAll(/\[((?:<[0-9a-fA-F\s]*>|[-\d.\s])*)\]\s*TJ|<([0-9a-fA-F\s]*)>\s*Tj/g)) {
      const hexes = t[1] !== undefined ? [...t[1].matchAll(/<([0-9a-fA-F\s]*)>/g)].map((h) => h[1]) : [t[2]];
      lines.push(hexes.map(decodeHex).join(''));
    }
  }
  return lines;
}
