import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { uuidv7 } from 'uuidv7';
import type { Grant, Role } from '@hearth/contracts';

@Entity({ tableName: 'grants' })
export class RoleGrant {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  accountId!: string;

  @Property({ type: 'text' })
  role!: Role;

  @Property({ type: 'uuid', nullable: true })
  regionId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  tenantId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  memberId: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  toGrant(): Grant {
    return {
      role: this.role,
      ...(this.regionId ? { regionId: this.regionId } : {}),
      ...(this.tenantId ? { tenantId: this.tenantId } : {}),
      ...(this.memberId ? { memberId: this.memberId } : {}),
    };
  }
}
