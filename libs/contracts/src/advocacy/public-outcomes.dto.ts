import type { PublicLeroAsksView, PublicRegionAsksView } from './ask.dto';
import type { ConsultationView, QuestionKind } from './consultation.dto';

/** One question's figures on a public page: the counts its results show (never a raw free-text answer). */
export interface PublicQuestionResultsView {
  key: string;
  kind: QuestionKind;
  text: string;
  options: string[];
  counts: number[];
}

/** A free-text question's answers as a staff member published them after review and edit (ADR 0067). */
export interface PublicPublishedTextsView {
  question: string;
  /** The question as it was asked. */
  text: string;
  texts: string[];
}

/**
 * A closed consultation on a "you said, we did" page (ADR 0075): what it asked and why, its figures only where the
 * results are shown (at least k counted responses, the same rule as for staff; never a cross-tabulation), and the
 * free texts its staff published. No id, no threshold, nobody named.
 */
export interface PublicConsultationOutcomeView extends Pick<
  ConsultationView,
  'title' | 'purpose' | 'askedBy' | 'useOfAnswers' | 'opensAt' | 'closesAt' | 'audience'
> {
  /** When it was closed (by its staff, or at `closesAt`). */
  closedAt: string;
  /**
   * Null when fewer than k responses counted, or on the page of a LERO whose figures are `regional-total-only`
   * (no per-LERO figure on public pages).
   */
  results: { responses: number; questions: PublicQuestionResultsView[] } | null;
  /** Only questions with published texts. */
  published: PublicPublishedTextsView[];
}

/** A LERO's page: its public asks (ADR 0065) and its closed consultations, latest closed first (at most 50). */
export interface PublicLeroPageView extends PublicLeroAsksView {
  consultations: PublicConsultationOutcomeView[];
}

/** A region's page: as ADR 0065 built it, and the region's own closed consultations, latest closed first (at most 50). */
export interface PublicRegionPageView extends PublicRegionAsksView {
  regionConsultations: PublicConsultationOutcomeView[];
}
