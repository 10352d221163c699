import type { PieceStatus } from './testimony.dto';

/** What advocacy's part of a person's data export says of consultations: nothing can be found, by design. */
export const CONSULTATION_ANSWERS_NOTE =
  'Answers to consultations and surveys are stored without any link to the person who gave them (ADR 0062), so ' +
  'they cannot be found for this export, or changed or erased: nobody can tell which answers are yours.';

/**
 * Advocacy's part of a person's data export (`member.export.part`, ADR 0066): their testimony pieces with what they
 * wrote (gone once withdrawn), any edit proposed to them, and when they consented to anonymous publication; and a
 * sentence on consultation answers, which cannot be found by design.
 */
export interface AdvocacyMemberExport {
  testimony: {
    pieceId: string;
    themeId: string;
    themeTitle: string;
    status: PieceStatus;
    text: string | null;
    proposedText: string | null;
    consentedToAnonymousPublicationAt: string;
  }[];
  consultationAnswers: typeof CONSULTATION_ANSWERS_NOTE;
}
