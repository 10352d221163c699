import { Injectable } from '@nestjs/common';
import type { PublicConsultationOutcomeView } from '@hearth/contracts';
import { ConsultationsRepository, type ConsultationRow, type Owner } from './consultations.repository';
import { ConsultationsService } from './consultations.service';
import { consultationView } from './consultation.view';
import { resultsView } from './results.util';

/** The most closed consultations a public page lists (latest closed first): a bound on the answer, not a page. */
export const MAX_PUBLIC_CONSULTATIONS = 50;

/**
 * A closed consultation as anyone reads it (ADR 0075): its public facts, its figures through the same rule as every
 * other reader's (`resultsView`: nothing below k; here never a free text, a cross-tabulation or an "about you"
 * question), and only when
 * `figures` (not on the page of a LERO whose figures are `regional-total-only`), and the texts its staff published.
 */
export function publicOutcomeView(c: ConsultationRow, figures: boolean): PublicConsultationOutcomeView {
  const published = c.published_texts ?? {};
  const results = resultsView(
    {
      consultationId: c.id,
      status: c.status,
      threshold: c.results_threshold,
      questions: c.questions,
      // Never the "about you" questions in public: their small groups (one person of an age, of a background) are
      // the answers that could point to someone; staff and members see them under the small-number rule.
      aboutYou: [],
      snapshot: c.snapshot,
      published,
    },
    { texts: false },
  );
  const { title, purpose, askedBy, useOfAnswers, opensAt, closesAt, audience } = consultationView(c);
  return {
    ...{ title, purpose, askedBy, useOfAnswers, opensAt, closesAt, audience },
    closedAt: new Date(c.closed_at ?? c.closes_at).toISOString(),
    results:
      figures && results.shown && results.responses !== null
        ? {
            responses: results.responses,
            questions: results.questions.map((q) => ({
              key: q.key,
              kind: q.kind,
              text: q.text,
              options: q.options,
              counts: q.counts,
            })),
          }
        : null,
    published: c.questions
      .filter((q) => q.kind === 'text' && (published[q.key] ?? []).length > 0)
      .map((q) => ({ question: q.key, text: q.text, texts: published[q.key] })),
  };
}

/**
 * The closed consultations of a public page's LERO or region that its staff chose to show (`public`), each read in
 * its owner's own transaction (its RLS).
 */
@Injectable()
export class PublicOutcomesService {
  constructor(
    private readonly consultations: ConsultationsService,
    private readonly repo: ConsultationsRepository,
  ) {}

  async closedOf(owner: Owner, figures: boolean): Promise<PublicConsultationOutcomeView[]> {
    const rows = await this.consultations.transact(owner, (tx) =>
      this.repo.closedPublic(tx, owner, MAX_PUBLIC_CONSULTATIONS),
    );
    return rows.map((c) => publicOutcomeView(c, figures));
  }
}
