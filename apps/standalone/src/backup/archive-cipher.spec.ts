import { randomBytes } from 'node:crypto';
import { PassThrough, Readable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  ArchiveDamagedError,
  ArchiveFormatError,
  HEADER_LENGTH,
  openingStream,
  parseHeader,
  sealingStream,
  WrongPassphraseError,
} from './archive-cipher';
import { FrameWriter, readFrames } from './archive-frames';

const CHEAP = { logN: 10, r: 8, p: 1 };
const CHUNK = 1024;
const PASSPHRASE = 'a passphrase for the tests';

async function collect(source: Readable, ...through: Transform[]): Promise<Buffer> {
  const parts: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (b: Buffer) => parts.push(b));
  await pipeline([source, ...through, sink]);
  return Buffer.concat(parts);
}

const seal = async (plain: Buffer) =>
  collect(Readable.from([plain]), await sealingStream(PASSPHRASE, CHEAP, CHUNK));

async function open(file: Buffer, passphrase = PASSPHRASE): Promise<Buffer> {
  const header = parseHeader(file.subarray(0, HEADER_LENGTH));
  return collect(Readable.from([file.subarray(HEADER_LENGTH)]), await openingStream(header, passphrase));
}

describe('the backup file cipher', () => {
  it.each([0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 17])(
    'gives back exactly what was sealed (%i bytes)',
    async (size) => {
      const plain = randomBytes(size);
      const file = await seal(plain);
      expect(file.subarray(0, 8).toString('latin1')).toBe('HEARTHBK');
      expect((await open(file)).equals(plain)).toBe(true);
    },
  );

  it('says the passphrase is wrong, before opening anything', async () => {
    const file = await seal(Buffer.from('special-category data'));
    await expect(open(file, 'another passphrase entirely')).rejects.toBeInstanceOf(WrongPassphraseError);
    await expect(open(file, 'another passphrase entirely')).rejects.toThrow(/Wrong passphrase/);
  });

  it('refuses a file cut short at a chunk boundary, in a chunk, or right after the header', async () => {
    const file = await seal(randomBytes(3 * CHUNK + 5));
    const sealed = CHUNK + 16;
    for (const end of [HEADER_LENGTH + 2 * sealed, HEADER_LENGTH + sealed + 100, HEADER_LENGTH]) {
      await expect(open(file.subarray(0, end))).rejects.toBeInstanceOf(ArchiveDamagedError);
    }
  });

  it('refuses a changed byte, a chunk moved, and a chunk dropped', async () => {
    const file = await seal(randomBytes(3 * CHUNK + 5));
    const sealed = CHUNK + 16;
    const flipped = Buffer.from(file);
    flipped[HEADER_LENGTH + sealed + 10] ^= 1;
    await expect(open(flipped)).rejects.toBeInstanceOf(ArchiveDamagedError);
    const chunk = (i: number) => file.subarray(HEADER_LENGTH + i * sealed, HEADER_LENGTH + (i + 1) * sealed);
    const header = file.subarray(0, HEADER_LENGTH);
    const tail = file.subarray(HEADER_LENGTH + 3 * sealed);
    const swapped = Buffer.concat([header, chunk(1), chunk(0), chunk(2), tail]);
    await expect(open(swapped)).rejects.toBeInstanceOf(ArchiveDamagedError);
    const dropped = Buffer.concat([header, chunk(0), chunk(2), tail]);
    await expect(open(dropped)).rejects.toBeInstanceOf(ArchiveDamagedError);
  });

  it('refuses a header whose settings were changed, as the wrong passphrase would be', async () => {
    const file = await seal(Buffer.from('x'));
    const changed = Buffer.from(file);
    changed[40 + 2] ^= 1; // the chunk size
    await expect(open(changed)).rejects.toBeInstanceOf(WrongPassphraseError);
  });

  it('refuses what is not a backup, a newer format, and settings meant to exhaust the machine', () => {
    expect(() =>
      parseHeader(Buffer.from('PK\u0003\u0004 a zip file, not a backup at all, long enough to parse')),
    ).toThrow(ArchiveFormatError);
    const header = Buffer.alloc(HEADER_LENGTH);
    Buffer.from('HEARTHBK', 'latin1').copy(header);
    header[8] = 2;
    expect(() => parseHeader(header)).toThrow(/format 2; this Hearth reads format 1/);
    header[8] = 1;
    header.set([40, 8, 1], 9); // N = 2^40
    header.writeUInt32BE(CHUNK, 40);
    expect(() => parseHeader(header)).toThrow(/damaged header/);
  });
});

describe('the archive frames', () => {
  it('reads back records, data and ends in order, whatever the pieces the stream arrives in', async () => {
    const out = new PassThrough();
    const parts: Buffer[] = [];
    out.on('data', (b: Buffer) => parts.push(b));
    const writer = new FrameWriter(out);
    const big = randomBytes(2.5 * 1024 * 1024);
    await writer.record({ kind: 'table', name: 'x' });
    await writer.data(Buffer.from('row 1\n'));
    await writer.data(big);
    await writer.end();
    out.end();
    const whole = Buffer.concat(parts);
    const pieces = Array.from({ length: Math.ceil(whole.length / 777) }, (_, i) =>
      whole.subarray(i * 777, (i + 1) * 777),
    );
    const frames = [];
    for await (const f of readFrames(Readable.from(pieces))) frames.push(f);
    expect(frames[0]).toEqual({ kind: 'record', payload: Buffer.from('{"kind":"table","name":"x"}') });
    expect(frames.at(-1)?.kind).toBe('end');
    const data = Buffer.concat(frames.filter((f) => f.kind === 'data').map((f) => f.payload));
    expect(data.equals(Buffer.concat([Buffer.from('row 1\n'), big]))).toBe(true);
  });

  it('refuses bytes that stop in the middle of a frame', async () => {
    const read = async () => {
      for await (const _ of readFrames(Readable.from([Buffer.from([2, 0, 0, 0, 9, 1, 2])]))) void _;
    };
    await expect(read()).rejects.toThrow(/middle of a frame/);
  });
});
