import { Inject, Injectable } from '@nestjs/common';
import { PeriodicService } from '@hearth/platform';
import { ownerOfTrustedRow } from '../advocacy-access';
import { ADVOCACY_OPTIONS, DEFAULT_CLOSE_SWEEP_INTERVAL_MS, type AdvocacyOptions } from '../advocacy.options';
import { ClosingsRepository } from './closings.repository';
import { ConsultationsService } from './consultations.service';

const BATCH = 100;

/**
 * Closes the consultations whose `closesAt` has passed, across every LERO and region (ADR 0067), at start and then
 * every `closeSweepIntervalMs`: it reads the `closings` queue, then closes each in its owner's own transaction,
 * which locks the consultation and takes its queue row, so that each is closed — and
 * `evt.advocacy.consultation.closed` sent — once, whoever gets there first (a staff member's close, another
 * replica's sweep). Its last batch of answers is written after.
 */
@Injectable()
export class ClosingSweep extends PeriodicService {
  constructor(
    private readonly closings: ClosingsRepository,
    private readonly consultations: ConsultationsService,
    @Inject(ADVOCACY_OPTIONS) private readonly options: AdvocacyOptions,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.options.closeSweepIntervalMs ?? DEFAULT_CLOSE_SWEEP_INTERVAL_MS;
  }

  protected work(): Promise<number> {
    return this.sweep();
  }

  /** Closes every due consultation; returns how many this sweep closed. */
  async sweep(): Promise<number> {
    let closed = 0;
    for (;;) {
      const due = await this.closings.due(this.options.now?.() ?? new Date(), BATCH);
      for (const row of due)
        if (await this.consultations.closeWhenDue(ownerOfTrustedRow(row), row.consultation_id)) closed++;
      if (due.length < BATCH) return closed;
    }
  }
}
