import { Injectable } from '@nestjs/common';
import type { ReportPeriod } from '@hearth/contracts';
import { FiguresRepository, type PeriodFigures } from './figures.repository';

/** Prepared answers kept in memory (each a LERO's periods of one query); the map starts over beyond this. */
const PREPARED_KEPT = 2_000;

/**
 * A LERO's figures, provisional periods included, answered from what was prepared at the LERO's current
 * generation (ADR 0089). Every projection transaction of a LERO bumps its generation before it writes, so a
 * kept answer whose generation is still the current one was computed from exactly the rows a fresh computation
 * would read: one small query checks that, and anything older is computed again (figures and generation in one
 * snapshot) and kept.
 */
@Injectable()
export class PreparedFigures {
  private readonly kept = new Map<string, { generation: string; byPeriod: Map<string, PeriodFigures> }>();

  constructor(private readonly figures: FiguresRepository) {}

  async ofLero(
    tenantId: string,
    period: ReportPeriod,
    from: string,
    until: string,
  ): Promise<Map<string, PeriodFigures>> {
    const key = `${tenantId}/${period}/${from}/${until}`;
    const kept = this.kept.get(key);
    if (kept && kept.generation === (await this.figures.generationOf(tenantId))) return kept.byPeriod;
    const [fresh] = await this.figures.figuresAt([tenantId], period, from, until);
    if (this.kept.size >= PREPARED_KEPT) this.kept.clear();
    this.kept.set(key, fresh);
    return fresh.byPeriod;
  }
}
