import type { TenantView } from '@hearth/contracts';

/** A file of the archive as the README and the manifest list it. */
export interface ArchiveFile {
  name: string;
  columns: readonly string[];
  rows: number;
}

const ABOUT: Record<string, string> = {
  'members.csv':
    'Every member record that has not been erased: profile, consents as they stand now, staff notes. ' +
    'communityRoles are separated by ";".',
  'consents.csv': 'Each consent given or withdrawn, when and by whom (bySelf: the member did it themselves).',
  'activities.csv': 'Every activity, deleted ones too (deletedAt), with its schedule (rrule) and place.',
  'sessions.csv':
    'Every session of those activities: when, cancelled or not, and who came (membersCheckedIn, walkIns).',
  'rsvps.csv': 'Who said they were coming to which session (going or waitlisted).',
  'attendance.csv': 'Who was checked in to which session, when and by which account.',
  'volunteering-training.csv':
    'Your catalogue of training and checks, each with how many months it stays valid (empty: never expires).',
  'volunteering-roles.csv':
    'Every volunteering role, closed ones too; skills and requirementIds (training of the catalogue) are ' +
    'separated by ";".',
  'volunteering-shifts.csv': 'Every shift of those roles, with its schedule (rrule), place and capacity.',
  'volunteering-training-records.csv':
    'Who completed which training or check when, until when, how it was verified and by which account.',
  'volunteering-signups.csv':
    'Who signed up to which shift on which date: confirmed, waitlisted or cancelled. lateCancel marks a ' +
    'cancel within a day of the start, recorded without blame: it is not a score.',
  'volunteering-hours.csv':
    "Volunteers' hours: proposed from a shift they were on or logged by them, pending, approved (approvedMinutes " +
    'is what counts) or declined with the reason they saw; which accounts logged and decided each.',
  'volunteering-credentials.csv':
    'The register of volunteer passports and training credentials you issued: to whom, when, until when, and ' +
    'revokedAt if you revoked one (statusIndex is its place on your public status list). Their content is not kept.',
  'volunteering-interests.csv':
    'Who said they were interested in which role, with their note: open, or closed with how it was followed up ' +
    '(became-volunteer or not-now) and by which account. A withdrawn interest is not kept.',
  'advocacy-asks.csv':
    'Every ask you raised of a council, the NHS or another body ("you said, we did"): what, of whom, where it ' +
    'came from (consultationId: one of yours or your region’s), public or not, and its status now.',
  'advocacy-ask-updates.csv':
    'Each ask’s timeline: every dated status with its public text (and, declined, the reason).',
  'advocacy-seats.csv':
    'The seats you hold on boards and partnerships: which body, what role, since and until when.',
  'advocacy-meetings.csv':
    'The meetings you attended, at a seat (seatId) or not: when, who represented you as they chose to be named, ' +
    'the outcome, and the asks raised or followed up there (askIds, separated by ";").',
  'figures-by-month.csv': 'Your exact figures month by month, as on the Impact figures page.',
  'figures-by-month-and-category.csv': 'The same by type of activity (member counts are not split by type).',
};

/** The archive's README: what each file holds and how to read it, in plain words for whoever opens it next. */
export function archiveReadme(lero: TenantView, exportedAt: string, files: ArchiveFile[]): string {
  const lines = [
    `Hearth archive of ${lero.name} (${lero.slug})`,
    `Made ${exportedAt} (UTC).`,
    '',
    'This archive holds personal data, some of it special category (health, recovery). Keep it as safely as',
    'you kept Hearth: somewhere only the people who need it can open, and delete it when you no longer need it.',
    'Its download is recorded in your LERO’s activity log.',
    '',
    'Files',
    '-----',
    ...files.flatMap((f) => [
      `${f.name} (${f.rows} ${f.rows === 1 ? 'row' : 'rows'})`,
      `  ${ABOUT[f.name] ?? ''}`,
      `  Columns: ${f.columns.join(', ')}`,
    ]),
    'manifest.json',
    '  The LERO as Hearth holds it and the list above, for programs. It is written last: an archive without',
    '  it is not whole.',
    '',
    'How to read them',
    '----------------',
    '- CSV in UTF-8, one header line, opened by any spreadsheet.',
    '- Ids link the files: memberId in consents, rsvps, attendance and the volunteering files is an id of',
    '  members.csv; sessionId one of sessions.csv; activityId one of activities.csv; roleId, shiftId and',
    '  trainingId ones of the volunteering files; askId and askIds ones of advocacy-asks.csv, seatId one of',
    '  advocacy-seats.csv.',
    '- An empty memberId is someone whose record was erased: they still count, but nothing names them.',
    '- Walk-ins are a count per session, never names.',
    '- Times are UTC in ISO 8601 (2026-11-05T18:30:00.000Z); each session and activity says its own time zone,',
    '  and an activity’s startsAtLocal is its first start on that zone’s clock.',
    "- A cell that starts with =, +, - or @ is written with a ' in front, so a spreadsheet shows it rather",
    "  than running it as a formula (a phone number +44… reads as '+44…).",
    '- The figures are exact and not for publication: figures for commissioners and the public come from the',
    '  regional report, where small numbers are suppressed.',
    '',
  ];
  return lines.join('\r\n');
}
