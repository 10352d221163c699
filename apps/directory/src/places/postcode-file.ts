import { Transform, type TransformCallback } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { normalisePostcode } from '@hearth/contracts';

/**
 * The columns the loader reads, by their names in the header (any case): the ONS Postcode Directory's and the
 * National Statistics Postcode Lookup's `pcds`, `lat`, `long` and `doterm` (the month a postcode was
 * terminated, empty while it is live), or a plain `postcode,latitude,longitude` file.
 */
const NAMES = {
  postcode: ['pcds', 'postcode', 'pcd', 'pcd2'],
  latitude: ['lat', 'latitude'],
  longitude: ['long', 'longitude', 'lng', 'lon'],
  terminated: ['doterm'],
} as const;

export interface PostcodeColumns {
  postcode: number;
  latitude: number;
  longitude: number;
  terminated?: number;
}

/** What reading a file found, row by row (the header not counted). */
export interface ReadCounts {
  rows: number;
  /** Live, with a place: to be added or updated. */
  placed: number;
  /** Terminated (`doterm` set): to be taken out of the list if it is in it. */
  terminated: number;
  /** Live but without coordinates (ONSPD's 99.999999, 0 for a postcode with no grid reference, or empty). */
  withoutPlace: number;
  /** Not a UK postcode, or a line that is not one row of the header's columns. */
  notPostcode: number;
}

export const emptyReadCounts = (): ReadCounts => ({
  rows: 0,
  placed: 0,
  terminated: 0,
  withoutPlace: 0,
  notPostcode: 0,
});

/** The fields of one CSV line (RFC 4180 quoting; a field holding a line break is not supported), up to `upTo`. */
export function csvFields(line: string, upTo = Number.MAX_SAFE_INTEGER): string[] | null {
  const fields: string[] = [];
  let i = 0;
  while (fields.length <= upTo) {
    if (line.charCodeAt(i) === 34 /* " */) {
      let value = '';
      let from = i + 1;
      for (;;) {
        const quote = line.indexOf('"', from);
        if (quote < 0) return null;
        value += line.slice(from, quote);
        if (line.charCodeAt(quote + 1) === 34) {
          value += '"';
          from = quote + 2;
          continue;
        }
        i = quote + 1;
        break;
      }
      fields.push(value);
      if (i >= line.length) return fields;
      if (line.charCodeAt(i) !== 44 /* , */) return null;
      i++;
    } else {
      const comma = line.indexOf(',', i);
      if (comma < 0) {
        fields.push(line.slice(i));
        return fields;
      }
      fields.push(line.slice(i, comma));
      i = comma + 1;
    }
  }
  return fields;
}

/** Where the header names the columns the loader needs, or what is missing. */
export function columnsOf(header: string[]): PostcodeColumns | { missing: string[] } {
  const names = header.map((h) => h.trim().toLowerCase());
  const find = (candidates: readonly string[]) =>
    candidates.map((c) => names.indexOf(c)).find((i) => i >= 0) ?? -1;
  const postcode = find(NAMES.postcode);
  const latitude = find(NAMES.latitude);
  const longitude = find(NAMES.longitude);
  const terminated = find(NAMES.terminated);
  const missing = [
    postcode < 0 && 'a postcode (pcds)',
    latitude < 0 && 'a latitude (lat)',
    longitude < 0 && 'a longitude (long)',
  ].filter((m): m is string => !!m);
  if (missing.length) return { missing };
  return { postcode, latitude, longitude, ...(terminated >= 0 ? { terminated } : {}) };
}

/** A coordinate as the file has it, or undefined for none (empty, not a number, or ONSPD's 99.999999 marker). */
function coordinate(text: string, limit: number): string | undefined {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || Math.abs(value) > limit) return undefined;
  return String(value);
}

/**
 * File bytes in, PostgreSQL COPY text rows out (`seq, postcode, latitude, longitude, terminated`), one per
 * postcode worth keeping: live with a place, or terminated. Reads the header first; counts every row.
 */
export class PostcodeRows extends Transform {
  readonly counts = emptyReadCounts();
  private readonly decoder = new StringDecoder('utf8');
  private rest = '';
  private columns?: PostcodeColumns;
  private upTo = 0;
  private seq = 0;

  constructor(private readonly file: string) {
    super({ readableHighWaterMark: 1 << 20 });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    try {
      this.lines(this.rest + this.decoder.write(chunk), false);
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      this.lines(this.rest + this.decoder.end(), true);
      if (!this.columns) throw new Error(`${this.file} is empty: it has no header line.`);
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  private lines(text: string, last: boolean): void {
    const out: string[] = [];
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      const line = this.row(text.slice(start, text.charCodeAt(end - 1) === 13 ? end - 1 : end));
      if (line) out.push(line);
      start = end + 1;
    }
    this.rest = text.slice(start);
    if (last && this.rest.trim() !== '') {
      const line = this.row(this.rest.replace(/\r$/, ''));
      if (line) out.push(line);
      this.rest = '';
    }
    if (out.length) this.push(out.join(''));
  }

  private row(line: string): string | undefined {
    if (!this.columns) return this.header(line);
    if (line === '') return undefined;
    this.counts.rows++;
    const c = this.columns;
    const fields = csvFields(line, this.upTo);
    const postcode = fields && fields.length > this.upTo ? normalisePostcode(fields[c.postcode]) : null;
    if (!fields || !postcode) {
      this.counts.notPostcode++;
      return undefined;
    }
    const latitude = coordinate(fields[c.latitude], 90);
    const longitude = coordinate(fields[c.longitude], 180);
    const terminated = c.terminated !== undefined && fields[c.terminated].trim() !== '';
    const placed = latitude !== undefined && longitude !== undefined;
    if (terminated) this.counts.terminated++;
    else if (placed) this.counts.placed++;
    else {
      this.counts.withoutPlace++;
      return undefined;
    }
    const [lat, long] = placed ? [latitude, longitude] : ['\\N', '\\N'];
    return `${++this.seq}\t${postcode}\t${lat}\t${long}\t${terminated ? 't' : 'f'}\n`;
  }

  private header(line: string): undefined {
    const found = columnsOf(csvFields(line.replace(/^\uFEFF/, '')) ?? []);
    if ('missing' in found) {
      throw new Error(
        `${this.file} has no column for ${found.missing.join(', ')} in its first line. Give the ONS Postcode ` +
          'Directory (or National Statistics Postcode Lookup) CSV, whose header names pcds, lat, long and doterm.',
      );
    }
    this.columns = found;
    this.upTo = Math.max(found.postcode, found.latitude, found.longitude, found.terminated ?? 0);
    return undefined;
  }
}
