import { open, readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import type { ErasedMemberRef } from '../../membership/src';

const HEADER =
  '# Hearth erasure ledger, format 1: one "<LERO id> <member id>" line per erased member, ids only.\n' +
  '# Kept outside the data directory and its backups: a restore erases these people again (docs/backup-and-restore.md).\n';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Where the ledger of a data directory is: `HEARTH_ERASURE_LEDGER`, else beside the directory
 * (`./.hearth` → `./.hearth-erasures.ledger`). Never inside it: it must outlive the directory and its backups.
 */
export function erasureLedgerPath(dataDir: string, configured?: string): string {
  const dir = resolve(dataDir);
  const file = resolve(configured || `${dir}-erasures.ledger`);
  const inside = relative(dir, file);
  if (!inside || (!inside.startsWith('..') && !isAbsolute(inside))) {
    throw new Error(
      `HEARTH_ERASURE_LEDGER (${file}) is inside the data directory ${dir}: the ledger must be kept outside it, ` +
        'so that it survives the directory and is newer than any backup of it.',
    );
  }
  return file;
}

/**
 * The ids of every member erased in this Hearth, appended once each erasure has committed (ADR 0030). After a
 * backup is restored (or an old copy of the data directory comes back), standalone erases again everyone the
 * ledger names whom the data still holds. Ids only: nothing in it says who a person was.
 */
export class ErasureLedger {
  constructor(readonly file: string) {}

  /** Adds erased members, durably (fsync) before it returns. Creates the file with its header the first time. */
  async append(erased: ErasedMemberRef[]): Promise<void> {
    if (erased.length === 0) return;
    for (const e of erased) {
      if (!UUID.test(e.tenantId) || !UUID.test(e.memberId)) throw new Error(`not ids: ${JSON.stringify(e)}`);
    }
    const handle = await open(this.file, 'a', 0o600);
    try {
      const { size } = await handle.stat();
      const lines = erased.map((e) => `${e.tenantId.toLowerCase()} ${e.memberId.toLowerCase()}\n`).join('');
      await handle.write(size === 0 ? HEADER + lines : lines);
      await handle.datasync();
    } finally {
      await handle.close();
    }
  }

  /** Whether the ledger file exists (it is made at the first erasure). */
  async exists(): Promise<boolean> {
    return (await this.readText()) !== undefined;
  }

  /** Every entry, in the order they were added (a member may appear twice: harmless). */
  async read(): Promise<ErasedMemberRef[]> {
    const text = (await this.readText()) ?? '';
    const entries: ErasedMemberRef[] = [];
    for (const [i, raw] of text.split('\n').entries()) {
      const line = raw.trim();
      if (!line || line.startsWith('#')) continue;
      const [tenantId, memberId, ...rest] = line.split(/\s+/);
      if (rest.length || !UUID.test(tenantId ?? '') || !UUID.test(memberId ?? '')) {
        throw new Error(`${this.file}, line ${i + 1}: not "<LERO id> <member id>"`);
      }
      entries.push({ tenantId: tenantId.toLowerCase(), memberId: memberId.toLowerCase() });
    }
    return entries;
  }

  private async readText(): Promise<string | undefined> {
    try {
      return await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }
}

/** What a start made of the ledger: members erased again, and tombstones the ledger lacked. */
export interface LedgerReconciliation {
  erasedAgain: number;
  added: number;
}

/**
 * At every start, before Hearth serves anyone: erases again each member the ledger names whom the data still
 * holds as a person, then adds to the ledger every tombstone it lacks (an erasure whose append was cut short).
 */
export async function reconcileErasures(
  ledger: ErasureLedger,
  replay: { eraseAgain(e: ErasedMemberRef[]): Promise<number>; tombstones(): Promise<ErasedMemberRef[]> },
): Promise<LedgerReconciliation> {
  const entries = await ledger.read();
  const erasedAgain = entries.length ? await replay.eraseAgain(entries) : 0;
  const known = new Set(entries.map((e) => `${e.tenantId} ${e.memberId}`));
  const missing = (await replay.tombstones()).filter(
    (t) => !known.has(`${t.tenantId.toLowerCase()} ${t.memberId.toLowerCase()}`),
  );
  await ledger.append(missing);
  return { erasedAgain, added: missing.length };
}
