import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErasureLedger, erasureLedgerPath, reconcileErasures } from './erasure-ledger';

const LERO = '01a23c16-1582-7b7b-bd10-c4d55f9e8e9e';
const ids = ['01a23c16-17d6-7346-bd7e-848b39269591', '01a23c16-17ab-7013-a886-bda601f48b17'];

describe('the erasure ledger', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hearth-ledger-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('lives beside the data directory by default, and never inside it', () => {
    expect(erasureLedgerPath(join(dir, '.hearth'))).toBe(join(dir, '.hearth-erasures.ledger'));
    expect(erasureLedgerPath(join(dir, '.hearth'), join(dir, 'elsewhere.ledger'))).toBe(
      join(dir, 'elsewhere.ledger'),
    );
    expect(() => erasureLedgerPath(join(dir, '.hearth'), join(dir, '.hearth', 'erasures.ledger'))).toThrow(
      /inside the data directory/,
    );
    expect(() => erasureLedgerPath(join(dir, '.hearth'), join(dir, '.hearth'))).toThrow(/inside/);
  });

  it('is made at the first erasure, holds ids only, and reads back in order', async () => {
    const ledger = new ErasureLedger(join(dir, 'erasures.ledger'));
    expect(await ledger.exists()).toBe(false);
    expect(await ledger.read()).toEqual([]);
    await ledger.append([{ tenantId: LERO, memberId: ids[0] }]);
    await ledger.append([{ tenantId: LERO.toUpperCase(), memberId: ids[1] }]);
    expect(await ledger.read()).toEqual(ids.map((memberId) => ({ tenantId: LERO, memberId })));
    const text = await readFile(ledger.file, 'utf8');
    expect(text.split('\n').filter((l) => l && !l.startsWith('#'))).toEqual(ids.map((id) => `${LERO} ${id}`));
    expect((await stat(ledger.file)).mode & 0o777).toBe(0o600);
    await expect(ledger.append([{ tenantId: LERO, memberId: 'Robin' }])).rejects.toThrow(/not ids/);
  });

  it('refuses a line that is not two ids, naming it', async () => {
    const file = join(dir, 'erasures.ledger');
    await writeFile(file, `# comment\n${LERO} ${ids[0]}\nRobin Smith robin@example.org\n`);
    await expect(new ErasureLedger(file).read()).rejects.toThrow(/line 3/);
  });

  it('at a start, erases again whom it names and adds the tombstones it lacks', async () => {
    const ledger = new ErasureLedger(join(dir, 'erasures.ledger'));
    await ledger.append([{ tenantId: LERO, memberId: ids[0] }]);
    const asked: unknown[] = [];
    const result = await reconcileErasures(ledger, {
      eraseAgain: async (e) => {
        asked.push(...e);
        return 1;
      },
      tombstones: async () => [
        { tenantId: LERO, memberId: ids[0] },
        { tenantId: LERO, memberId: ids[1] },
      ],
    });
    expect(result).toEqual({ erasedAgain: 1, added: 1 });
    expect(asked).toEqual([{ tenantId: LERO, memberId: ids[0] }]);
    expect(await ledger.read()).toEqual(ids.map((memberId) => ({ tenantId: LERO, memberId })));
  });
});
