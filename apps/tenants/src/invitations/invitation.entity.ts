import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { uuidv7 } from 'uuidv7';
import type { Role } from '@hearth/contracts';

/** The token itself is never stored: only its SHA-256, so a database leak opens no door. */
@Entity({ tableName: 'invitations' })
export class Invitation {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  /** Null once the invitation is spent and the person it was for has been erased (ADR 0019). */
  @Property({ type: 'text', nullable: true })
  email!: string | null;

  @Property({ type: 'text' })
  role!: Role;

  @Property({ type: 'uuid' })
  regionId!: string;

  @Property({ type: 'uuid', nullable: true })
  tenantId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  memberId: string | null = null;

  @Property({ type: 'text', unique: true })
  tokenHash!: string;

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  acceptedAt: Date | null = null;

  @Property({ type: 'uuid', nullable: true })
  acceptedBy: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  invitedBy: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null = null;

  @Property({ type: 'uuid', nullable: true })
  cancelledBy: string | null = null;

  /** A break-glass appointment can be accepted only from this time (after its notice to the LERO). */
  @Property({ type: 'timestamptz', nullable: true })
  notBefore: Date | null = null;

  /** A break-glass appointment's reason, as the region admin gave it. */
  @Property({ type: 'text', nullable: true })
  reason: string | null = null;
}
