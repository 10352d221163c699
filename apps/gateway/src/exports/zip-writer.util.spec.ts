import { unzipSync } from 'fflate';
import { ZipWriter } from './zip-writer.util';

const read = async (zip: ZipWriter) => {
  const chunks: Buffer[] = [];
  for await (const chunk of zip.stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

describe('ZipWriter', () => {
  it('writes files one after another into one zip, read as it is made', async () => {
    const zip = new ZipWriter(new Date('2026-12-01T00:00:00Z'));
    const reading = read(zip);
    zip.open('big.csv');
    // Far more than the stream holds: writing waits for the reader.
    for (let i = 0; i < 2000; i++) await zip.write(`${i},${'x'.repeat(500)}\r\n`);
    zip.close();
    await zip.add('README.txt', 'hello');
    zip.end();
    const files = unzipSync(new Uint8Array(await reading));
    expect(Object.keys(files)).toEqual(['big.csv', 'README.txt']);
    expect(Buffer.from(files['README.txt']).toString()).toBe('hello');
    expect(Buffer.from(files['big.csv']).toString().split('\r\n')).toHaveLength(2001);
  });

  it('breaks the stream when aborted, and says it is closed', async () => {
    const zip = new ZipWriter(new Date());
    const reading = read(zip);
    await zip.add('a.csv', 'a');
    zip.abort(new Error('events went away'));
    await expect(reading).rejects.toThrow('events went away');
    expect(zip.closed).toBe(true);
  });
});
