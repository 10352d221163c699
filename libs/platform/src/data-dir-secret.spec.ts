import { fork } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateDataDirSecret, loadOrCreateRandomSecret } from './data-dir-secret';

describe('a secret kept in the data directory', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'hearth-secret-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is made once, readable by its owner only, and the same on every later start', () => {
    const first = loadOrCreateRandomSecret(dir, 'a.secret');
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(join(dir, 'a.secret')).mode & 0o777).toBe(0o600);
    expect(loadOrCreateRandomSecret(dir, 'a.secret')).toBe(first);
    expect(readdirSync(dir)).toEqual(['a.secret']); // no file of a process's own left behind
  });

  it('keeps what is there rather than making a new one', () => {
    writeFileSync(join(dir, 'b.secret'), 'kept-from-before\n');
    expect(loadOrCreateDataDirSecret(dir, 'b.secret', () => 'new')).toBe('kept-from-before');
  });

  it('is the same for processes starting at once on one directory (each sees the winner, never a part)', async () => {
    // Each child runs the real module (Node strips its types) and makes a secret of a megabyte, so a reader
    // of a half-written file would see a different value.
    const child = join(dir, '..', `${dir.split('/').pop()}-child.mjs`);
    writeFileSync(
      child,
      `import { loadOrCreateDataDirSecret } from ${JSON.stringify(join(__dirname, 'data-dir-secret.ts'))};
       process.send(loadOrCreateDataDirSecret(process.argv[2], 'c.secret', () => 'x'.repeat(1 << 20) + process.pid));`,
    );
    try {
      const results = await Promise.all(
        Array.from({ length: 6 }, () => {
          const p = fork(child, [join(dir, 'data')], { stdio: 'ignore' });
          return new Promise<string>((resolve, reject) => {
            p.once('message', (m) => resolve(String(m)));
            p.once('error', reject);
            p.once('exit', (code) => code !== 0 && reject(new Error(`child exited with ${code}`)));
          });
        }),
      );
      expect(new Set(results).size).toBe(1);
      expect(results[0]).toMatch(/^x{1048576}\d+$/);
      expect(readdirSync(join(dir, 'data'))).toEqual(['c.secret']);
    } finally {
      rmSync(child, { force: true });
    }
  });
});
