import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { uuidv7 } from 'uuidv7';

/**
 * An account's authenticator app (TOTP). Secrets are stored encrypted (TotpSecretCipher); `lastUsedStep` is
 * the newest time step (30 s periods since 1970: an integer until the year 4000) a code was accepted for, so
 * no code works twice. A pending secret is one being set up, until its first code confirms it.
 */
@Entity({ tableName: 'two_factor' })
export class TwoFactor {
  @PrimaryKey({ type: 'uuid' })
  accountId!: string;

  @Property({ type: 'text', nullable: true, hidden: true })
  totpSecret: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  enabledAt: Date | null = null;

  @Property({ type: 'integer', nullable: true })
  lastUsedStep: number | null = null;

  @Property({ type: 'text', nullable: true, hidden: true })
  pendingSecret: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  pendingCreatedAt: Date | null = null;

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}

/** One single-use recovery code, as its SHA-256. */
@Entity({ tableName: 'recovery_codes' })
export class RecoveryCode {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  accountId!: string;

  @Property({ type: 'text' })
  codeHash!: string;

  @Property({ type: 'timestamptz', nullable: true })
  usedAt: Date | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}

/** Between a right password and the second factor: single use, short-lived, a few wrong codes at most. */
@Entity({ tableName: 'sign_in_challenges' })
export class SignInChallenge {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  accountId!: string;

  @Property({ type: 'text', unique: true })
  tokenHash!: string;

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'integer' })
  failures: number = 0;

  /** A link to an identity provider waiting for this second factor (ADR 80): made when the code is given. */
  @Property({ type: 'uuid', nullable: true })
  ssoLinkOfferId: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  completedAt: Date | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
