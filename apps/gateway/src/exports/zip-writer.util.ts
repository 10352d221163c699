import { PassThrough, type Readable } from 'node:stream';
import { Zip, ZipDeflate } from 'fflate';

/**
 * A zip written as it is made, one file after another, into a stream the HTTP response reads: only what the
 * client has not read yet is held (a page or so), and writing waits while the client is slower than the
 * services. If the client goes away, `closed` says so and the writer stops asking for more.
 */
export class ZipWriter {
  private readonly out = new PassThrough({ highWaterMark: 256 * 1024 });
  private readonly zip: Zip;
  private file?: ZipDeflate;

  constructor(private readonly mtime: Date) {
    this.zip = new Zip((err, chunk, final) => {
      if (err) return void this.out.destroy(err);
      this.out.write(chunk);
      if (final) this.out.end();
    });
  }

  get stream(): Readable {
    return this.out;
  }

  get closed(): boolean {
    return this.out.destroyed;
  }

  /** Starts the next file (the one before must be finished). */
  open(name: string): void {
    if (this.file) throw new Error('The previous file of the zip is still open.');
    const file = new ZipDeflate(name, { level: 6 });
    file.mtime = this.mtime;
    this.zip.add(file);
    this.file = file;
  }

  /** Adds text to the open file, then waits while the client has not read what is already waiting. */
  async write(text: string): Promise<void> {
    if (!this.file) throw new Error('No file of the zip is open.');
    this.file.push(Buffer.from(text, 'utf8'));
    await this.room();
  }

  close(): void {
    if (!this.file) throw new Error('No file of the zip is open.');
    this.file.push(new Uint8Array(0), true);
    this.file = undefined;
  }

  /** A whole small file at once. */
  async add(name: string, text: string): Promise<void> {
    this.open(name);
    await this.write(text);
    this.close();
  }

  /** Writes the zip's directory and ends the stream. */
  end(): void {
    this.zip.end();
  }

  /** Breaks the download: the zip has no directory, so no program takes what came for a whole archive. */
  abort(err: Error): void {
    this.zip.terminate();
    this.out.destroy(err);
  }

  private room(): Promise<void> {
    if (!this.out.writableNeedDrain || this.out.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.out.off('drain', done);
        this.out.off('close', done);
        resolve();
      };
      this.out.on('drain', done);
      this.out.on('close', done);
    });
  }
}
