import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  randomBytes,
  scrypt,
  timingSafeEqual,
  type ScryptOptions,
} from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/*
 * A backup file (ADR 0030): a header, then the archive in chunks, each sealed with AES-256-GCM.
 *
 *   offset size  header (format 1)
 *        0    8  magic "HEARTHBK"
 *        8    1  format version (1)
 *        9    1  scrypt cost: log2(N)
 *       10    1  scrypt r
 *       11    1  scrypt p
 *       12   16  salt
 *       28   12  iv: the chunks' nonces are made from it
 *       40    4  chunk size in bytes (big-endian), before sealing
 *       44   32  HMAC-SHA256 of bytes 0-43, under the second half of the key: checks the passphrase
 *
 * scrypt(passphrase, salt) gives 64 bytes: the AES key, then the header's HMAC key. Chunk i is sealed with the
 * nonce iv XOR (i in bytes 7-10, 1 in byte 11 for the last chunk), the header as additional data, and its 16-byte
 * tag after it. Every chunk but the last holds exactly `chunk size` bytes; the last holds fewer (maybe none), so
 * a file cut short, reordered or altered fails a tag check.
 */

export const MAGIC = Buffer.from('HEARTHBK', 'latin1');
export const FORMAT_VERSION = 1;
export const HEADER_LENGTH = 76;
const MAC_OFFSET = 44;
const TAG_LENGTH = 16;
const DEFAULT_CHUNK = 64 * 1024;
/** N = 2^17, r = 8: 128 MiB and about half a second, for each try at guessing the passphrase. */
export const DEFAULT_SCRYPT = { logN: 17, r: 8, p: 1 } as const;

/** At least this many characters: the archive holds special-category data and every secret of the data dir. */
export const MIN_PASSPHRASE_LENGTH = 12;

export type ScryptCost = { logN: number; r: number; p: number };

/** The file is not a Hearth backup, or one of a format this Hearth cannot read. */
export class ArchiveFormatError extends Error {
  override name = 'ArchiveFormatError';
}

/** The passphrase is not the one the backup was made with. */
export class WrongPassphraseError extends Error {
  override name = 'WrongPassphraseError';
  constructor() {
    super('Wrong passphrase: this backup was not made with it (nothing was restored).');
  }
}

/** A chunk failed its check: the file was cut short or altered after it was written. */
export class ArchiveDamagedError extends Error {
  override name = 'ArchiveDamagedError';
}

interface Keys {
  aes: Buffer;
  mac: Buffer;
}

async function deriveKeys(passphrase: string, salt: Buffer, cost: ScryptCost): Promise<Keys> {
  const N = 2 ** cost.logN;
  const options: ScryptOptions = { N, r: cost.r, p: cost.p, maxmem: 128 * N * cost.r * 2 };
  const key = await new Promise<Buffer>((resolve, reject) =>
    scrypt(passphrase.normalize('NFC'), salt, 64, options, (err, out) => (err ? reject(err) : resolve(out))),
  );
  return { aes: key.subarray(0, 32), mac: key.subarray(32) };
}

const headerMac = (mac: Buffer, header: Buffer) =>
  createHmac('sha256', mac).update(header.subarray(0, MAC_OFFSET)).digest();

function nonce(iv: Buffer, index: number, last: boolean): Buffer {
  const n = Buffer.from(iv);
  n.writeUInt32BE((n.readUInt32BE(7) ^ index) >>> 0, 7);
  if (last) n[11] ^= 1;
  return n;
}

/** The header's fields, read and checked for sense (not yet for the passphrase). */
export interface ArchiveHeader {
  bytes: Buffer;
  version: number;
  cost: ScryptCost;
  salt: Buffer;
  iv: Buffer;
  chunkSize: number;
}

export function parseHeader(bytes: Buffer): ArchiveHeader {
  if (bytes.length < HEADER_LENGTH || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new ArchiveFormatError('This file is not a Hearth backup.');
  }
  const version = bytes[8];
  if (version !== FORMAT_VERSION) {
    throw new ArchiveFormatError(
      `This backup is of format ${version}; this Hearth reads format ${FORMAT_VERSION}. Restore it with the Hearth that made it, or a newer one.`,
    );
  }
  const cost = { logN: bytes[9], r: bytes[10], p: bytes[11] };
  const chunkSize = bytes.readUInt32BE(40);
  // Bounds against a header made to exhaust memory or time before the passphrase can even be checked.
  if (cost.logN < 10 || cost.logN > 22 || cost.r < 1 || cost.r > 32 || cost.p < 1 || cost.p > 16) {
    throw new ArchiveFormatError(
      'This backup has a damaged header (its key derivation settings make no sense).',
    );
  }
  if (chunkSize < 1024 || chunkSize > 16 * 1024 * 1024) {
    throw new ArchiveFormatError('This backup has a damaged header (its chunk size makes no sense).');
  }
  return {
    bytes: Buffer.from(bytes.subarray(0, HEADER_LENGTH)),
    version,
    cost,
    salt: Buffer.from(bytes.subarray(12, 28)),
    iv: Buffer.from(bytes.subarray(28, 40)),
    chunkSize,
  };
}

/**
 * A transform that seals what is written to it: the header first, then the chunks. Call `await` on the result
 * before writing: the key is derived first (about half a second).
 */
export async function sealingStream(
  passphrase: string,
  cost: ScryptCost = DEFAULT_SCRYPT,
  chunkSize = DEFAULT_CHUNK,
): Promise<Transform> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const keys = await deriveKeys(passphrase, salt, cost);
  const header = Buffer.alloc(HEADER_LENGTH);
  MAGIC.copy(header, 0);
  header[8] = FORMAT_VERSION;
  header[9] = cost.logN;
  header[10] = cost.r;
  header[11] = cost.p;
  salt.copy(header, 12);
  iv.copy(header, 28);
  header.writeUInt32BE(chunkSize, 40);
  headerMac(keys.mac, header).copy(header, MAC_OFFSET);

  let pending: Buffer = Buffer.alloc(0);
  let index = 0;
  const seal = (plain: Buffer, last: boolean): Buffer => {
    const cipher = createCipheriv('aes-256-gcm', keys.aes, nonce(iv, index++, last), {
      authTagLength: TAG_LENGTH,
    });
    cipher.setAAD(header);
    return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  };
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      while (pending.length >= chunkSize) {
        this.push(seal(pending.subarray(0, chunkSize), false));
        pending = pending.subarray(chunkSize);
      }
      done();
    },
    flush(done: TransformCallback) {
      this.push(seal(pending, true));
      done();
    },
  });
  stream.push(header);
  return stream;
}

/**
 * Checks the passphrase against the header (throws WrongPassphraseError), then gives a transform that opens the
 * chunks that follow the header, each checked before any of its bytes is passed on.
 */
export async function openingStream(header: ArchiveHeader, passphrase: string): Promise<Transform> {
  const keys = await deriveKeys(passphrase, header.salt, header.cost);
  if (!timingSafeEqual(headerMac(keys.mac, header.bytes), header.bytes.subarray(MAC_OFFSET, HEADER_LENGTH))) {
    throw new WrongPassphraseError();
  }
  const sealed = header.chunkSize + TAG_LENGTH;
  let pending: Buffer = Buffer.alloc(0);
  let index = 0;
  const open = (chunk: Buffer, last: boolean): Buffer => {
    const decipher = createDecipheriv('aes-256-gcm', keys.aes, nonce(header.iv, index, last), {
      authTagLength: TAG_LENGTH,
    });
    decipher.setAAD(header.bytes);
    decipher.setAuthTag(chunk.subarray(chunk.length - TAG_LENGTH));
    try {
      const plain = Buffer.concat([
        decipher.update(chunk.subarray(0, chunk.length - TAG_LENGTH)),
        decipher.final(),
      ]);
      index++;
      return plain;
    } catch {
      throw new ArchiveDamagedError(
        `This backup is damaged: part ${index + 1}${last ? ' (the last)' : ''} fails its check, so the file was ` +
          'cut short or altered after it was written. Nothing was restored.',
      );
    }
  };
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      try {
        // A full-size chunk is the last only if nothing follows it, and a last chunk is never full-size.
        while (pending.length > sealed) {
          this.push(open(pending.subarray(0, sealed), false));
          pending = pending.subarray(sealed);
        }
        done();
      } catch (err) {
        done(err as Error);
      }
    },
    flush(done: TransformCallback) {
      try {
        if (pending.length < TAG_LENGTH) {
          throw new ArchiveDamagedError('This backup is damaged: it ends too soon. Nothing was restored.');
        }
        this.push(open(pending, true));
        done();
      } catch (err) {
        done(err as Error);
      }
    },
  });
}
