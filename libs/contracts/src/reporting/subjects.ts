/** Every subject the reporting service answers. A shipped value never changes (add `.v2`). */
export const ReportingSubjects = {
  /** A region's disclosure-controlled impact figures (commissioners, region admins, platform admins). */
  regionImpact: 'reporting.impact.region',
  /** One LERO's own exact figures, not for publication (its tenant-admins and coordinators). */
  leroImpact: 'reporting.impact.lero',
  getSettings: 'reporting.settings.get',
  updateSettings: 'reporting.settings.update',
} as const;

/** Domain events of the reporting service (facts, past tense: `evt.reporting.<thing>.<happened>`), from its outbox. */
export const ReportingEvents = {
  /** A region's period released: its disclosure-controlled figures frozen (ADR 0082). */
  periodReleased: 'evt.reporting.period.released',
} as const;
