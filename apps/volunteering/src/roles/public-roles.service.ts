import { Injectable } from '@nestjs/common';
import {
  TenantsClient,
  type PublicRolesRequest,
  type PublicRolesView,
  type RequestContext,
} from '@hearth/contracts';
import { VolunteeringDatabase } from '../volunteering-database';
import { publicRolesOf } from '../volunteering-access';
import { TrainingRepository } from '../training/training.repository';
import { RolesRepository } from './roles.repository';
import { publicRoleView } from './role.view';

/** The most roles the public page lists (a LERO has a handful; this bounds the answer, not a page). */
export const MAX_PUBLIC_ROLES = 200;

/**
 * The roles anyone may see on a LERO's public page, without signing in: open and public, of an active LERO only
 * (the tenants service answers for the slug, and only while the LERO is active). Never who volunteers.
 */
@Injectable()
export class PublicRolesService {
  constructor(
    private readonly tenants: TenantsClient,
    private readonly db: VolunteeringDatabase,
    private readonly roles: RolesRepository,
    private readonly training: TrainingRepository,
  ) {}

  async list(ctx: RequestContext, dto: PublicRolesRequest): Promise<PublicRolesView> {
    const lero = await this.tenants.tenantBySlug(ctx, dto.slug);
    const em = this.db.forTenant(publicRolesOf(lero)).em;
    const roles = await this.roles.openPublic(em, MAX_PUBLIC_ROLES);
    const ids = [...new Set(roles.flatMap((r) => r.requirementIds))];
    const catalogue = new Map((await this.training.findMany(em, ids)).map((t) => [t.id, t]));
    return {
      lero: { name: lero.name, slug: lero.slug },
      items: roles.map((r) => publicRoleView(r, catalogue)),
    };
  }
}
