import { randomInt, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { TenantTransaction } from '@hearth/persistence';
import { AdvocacyDatabase } from '../advocacy-database';
import { ADVOCACY_OPTIONS, DEFAULT_ANSWER_BATCH_SIZE, type AdvocacyOptions } from '../advocacy.options';
import { ConsultationsRepository, type ConsultationRow, type Owner } from './consultations.repository';
import { snapshotOf } from './results.util';

/** Fisher–Yates with a cryptographic source: the order of a batch says nothing of the order of responses. */
export function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Moves waiting answers into `answers` (ADR 0062): in a transaction of its own, never the response's; only once
 * at least `answerBatchSize` wait (or all of them when the consultation closes); shuffled; each with a random v4 id.
 * The results snapshot is taken here, when the responses that count have grown by the threshold since the last one
 * (or at close), so results never move by fewer than k responses.
 */
@Injectable()
export class AnswerBatch {
  private readonly size: number;

  constructor(
    private readonly db: AdvocacyDatabase,
    private readonly repo: ConsultationsRepository,
    @Inject(ADVOCACY_OPTIONS) options: AdvocacyOptions,
  ) {
    this.size = Math.max(2, options.answerBatchSize ?? DEFAULT_ANSWER_BATCH_SIZE);
  }

  /** Writes a batch if enough answers wait (`final`: whatever waits, and the final results). */
  flush(owner: Owner, consultationId: string, opts: { final: boolean }): Promise<void> {
    const transact = <T>(work: (tx: TenantTransaction) => Promise<T>) =>
      owner.kind === 'lero'
        ? this.db.transactInTenant(owner.id, work)
        : this.db.transactInRegion(owner.id, work);
    return transact(async (tx) => {
      // The lock makes batches of one consultation one at a time (and waits for responses in flight to commit).
      const c = await this.repo.find(tx, consultationId, 'update');
      if (!c || (opts.final && c.status !== 'closed')) return;
      const waiting = await this.repo.pendingCount(tx, consultationId);
      if (!opts.final && waiting < this.size) return;
      if (opts.final && waiting === 0 && c.snapshot?.responses === c.flushed_responses) return;
      const taken = shuffled(await this.repo.takePending(tx, consultationId));
      await this.repo.insertAnswers(
        tx,
        c,
        taken.map((t) => ({ id: randomUUID(), answers: t.answers })),
      );
      const counted = c.flushed_counted + taken.filter((t) => t.counted).length;
      const due =
        opts.final || (counted >= c.results_threshold && counted - c.snapshot_counted >= c.results_threshold);
      const snapshot = due ? { snapshot: await this.snapshot(tx, c, counted), counted } : null;
      await this.repo.recordFlush(
        tx,
        c.id,
        { responses: taken.length, counted: counted - c.flushed_counted },
        snapshot,
      );
    });
  }

  private async snapshot(tx: TenantTransaction, c: ConsultationRow, counted: number) {
    return snapshotOf(c.questions, c.about_you, await this.repo.allAnswers(tx, c.id), counted);
  }
}
