import { once } from 'node:events';
import type { Writable } from 'node:stream';

/*
 * The archive inside a backup file (once opened and gunzipped): frames of `kind (1 byte) | length (4 bytes,
 * big-endian) | payload`. A `record` frame is JSON saying what follows; `data` frames carry the bytes of the
 * file or table it announced; `end` closes them.
 */
export type FrameKind = 'record' | 'data' | 'end';
const CODES: Record<FrameKind, number> = { record: 1, data: 2, end: 3 };
const KINDS = new Map<number, FrameKind>(Object.entries(CODES).map(([k, v]) => [v, k as FrameKind]));
const HEAD = 5;
/** Larger pieces are split: a frame is held in memory whole while it is read. */
const MAX_PAYLOAD = 1024 * 1024;

export interface Frame {
  kind: FrameKind;
  payload: Buffer;
}

/** Writes frames to a stream, waiting when it asks to (backpressure). */
export class FrameWriter {
  constructor(private readonly out: Writable) {}

  async record(value: object): Promise<void> {
    await this.frame('record', Buffer.from(JSON.stringify(value), 'utf8'));
  }

  async data(bytes: Buffer): Promise<void> {
    for (let at = 0; at < bytes.length; at += MAX_PAYLOAD) {
      await this.frame('data', bytes.subarray(at, at + MAX_PAYLOAD));
    }
  }

  async end(): Promise<void> {
    await this.frame('end', Buffer.alloc(0));
  }

  private async frame(kind: FrameKind, payload: Buffer): Promise<void> {
    if (payload.length > MAX_PAYLOAD)
      throw new Error(`A ${kind} frame of ${payload.length} bytes is too large.`);
    const head = Buffer.alloc(HEAD);
    head[0] = CODES[kind];
    head.writeUInt32BE(payload.length, 1);
    const ok = this.out.write(Buffer.concat([head, payload]));
    if (!ok) await once(this.out, 'drain');
  }
}

/** The frames of a stream of bytes, in order; throws on bytes that are not frames or end in the middle of one. */
export async function* readFrames(source: AsyncIterable<Buffer>): AsyncGenerator<Frame> {
  // Pieces are joined only once a whole frame is there: a large frame arriving in small pieces is copied once.
  let parts: Buffer[] = [];
  let size = 0;
  let needed = HEAD;
  for await (const chunk of source) {
    parts.push(chunk);
    size += chunk.length;
    if (size < needed) continue;
    let pending = Buffer.concat(parts, size);
    while (pending.length >= HEAD) {
      const kind = KINDS.get(pending[0]);
      const length = pending.readUInt32BE(1);
      if (!kind || length > MAX_PAYLOAD) throw new Error('The archive inside the backup is not readable.');
      if (pending.length < HEAD + length) break;
      yield { kind, payload: Buffer.from(pending.subarray(HEAD, HEAD + length)) };
      pending = pending.subarray(HEAD + length);
    }
    needed = pending.length >= HEAD ? HEAD + pending.readUInt32BE(1) : HEAD;
    parts = pending.length ? [pending] : [];
    size = pending.length;
  }
  if (size) throw new Error('The archive inside the backup ends in the middle of a frame.');
}
