import type { HoursSource, HoursStatus } from './hours.dto';
import type { InterestOutcome, InterestStatus } from './interest.dto';
import type { SignupStatus } from './signup.dto';
import type { TrainingKind } from './training.dto';
import type { TrainingVerifiedHow } from './training-record.dto';

/**
 * Volunteering's part of a person's data export (`member.export.part`, ADR 0060): everything volunteering holds of
 * them, one section per table. Who verified a record (a staff member's account) is left out, as events leave out who
 * checked a person in; how it was verified is in. A late cancel is shown to the person it is about: it is held, and
 * it is theirs to see (never a score). Hours entries come with what was proposed or logged, what was approved, and a
 * decline's reason; not who decided (a staff member's account). Passports and credentials issued to them are listed
 * (when, until when, revoked), never their content, which Hearth does not keep. Interest in roles comes with their
 * own note and how it was followed up; not who followed it up (ADR 0063).
 */
export interface VolunteeringMemberExport {
  /** From membership's events: whether their community roles include `volunteer`, and active or left (null: unknown). */
  volunteer: { volunteer: boolean; status: 'active' | 'left' | null } | null;
  signups: {
    shiftId: string;
    roleId: string;
    roleTitle: string;
    date: string;
    startsAt: string;
    status: SignupStatus;
    since: string;
    cancelledAt: string | null;
    lateCancel: boolean;
  }[];
  training: {
    recordId: string;
    trainingId: string;
    name: string;
    kind: TrainingKind;
    completedOn: string;
    expiresOn: string | null;
    how: TrainingVerifiedHow;
    recordedAt: string;
    updatedAt: string;
  }[];
  hours: {
    entryId: string;
    roleId: string;
    roleTitle: string;
    source: HoursSource;
    date: string;
    minutes: number;
    approvedMinutes: number | null;
    status: HoursStatus;
    description: string | null;
    declineReason: string | null;
    loggedAt: string;
    decidedAt: string | null;
  }[];
  /** What was issued to them (passports and training credentials): when, until when, revoked; never the content. */
  credentials: {
    credentialId: string;
    kind: 'passport' | 'training';
    trainingId: string | null;
    issuedAt: string;
    expiresAt: string;
    revokedAt: string | null;
  }[];
  interests: {
    interestId: string;
    roleId: string;
    roleTitle: string;
    note: string | null;
    status: InterestStatus;
    outcome: InterestOutcome | null;
    expressedAt: string;
    closedAt: string | null;
  }[];
}
