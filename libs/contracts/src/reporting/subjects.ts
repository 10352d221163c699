/** Every subject the reporting service answers. A shipped value never changes (add `.v2`). It emits no events. */
export const ReportingSubjects = {
  /** A region's disclosure-controlled impact figures (commissioners, region admins, platform admins). */
  regionImpact: 'reporting.impact.region',
  /** One LERO's own exact figures, not for publication (its tenant-admins and coordinators). */
  leroImpact: 'reporting.impact.lero',
  getSettings: 'reporting.settings.get',
  updateSettings: 'reporting.settings.update',
} as const;
