import { deflateSync } from 'node:zlib';
import { pdfTextLines } from './pdf-text';

const hex = (s: string) => Buffer.from(s, 'latin1').toString('hex');
const pdfWith = (body: Buffer) =>
  Buffer.concat([
    Buffer.from(`%PDF-1.3\n4 0 obj\n<< /Length ${body.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'),
    body,
    Buffer.from('\nendstream\nendobj\n%%EOF\n', 'latin1'),
  ]);

describe('pdfTextLines', () => {
  it('reads a compressed stream whose last byte is a carriage return (the stream is cut by /Length)', () => {
    // Find a content stream whose deflated bytes end in \r, as one of pdfkit's did in CI: the last byte is the
    // Adler-32 sum's, so a trailing comment byte that takes every value finds one.
    const content = (n: number) => `BT [<${hex('cell')}>] TJ ET\n%${String.fromCharCode(n)}`;
    let n = 0;
    while (deflateSync(content(n)).at(-1) !== 0x0d) n += 1;
    const body = deflateSync(content(n));
    expect(pdfTextLines(pdfWith(body))).toEqual(['cell']);
  });

  it('reads text in both TJ arrays and Tj strings, and Windows-1252 letters', () => {
    const body = deflateSync(`BT [<${hex('A')}> -20 <${hex('b')}>] TJ <${hex('\x80 5')}> Tj ET`);
    expect(pdfTextLines(pdfWith(body))).toEqual(['Ab', '€ 5']);
  });
});
