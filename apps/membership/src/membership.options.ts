export const MEMBERSHIP_OPTIONS = Symbol('MEMBERSHIP_OPTIONS');

export interface MembershipOptions {
  databaseUrl: string;
  databasePoolMax?: number;
}
