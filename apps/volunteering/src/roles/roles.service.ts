import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  notFound,
  VolunteeringEvents,
  type CreateRoleRequest,
  type ListRolesRequest,
  type Page,
  type RequestContext,
  type RoleIdRequest,
  type RoleStatus,
  type RoleView,
  type UpdateRoleRequest,
} from '@hearth/contracts';
import { recordEvent } from '@hearth/messaging';
import { decodeCursor, pageOf } from '@hearth/persistence';
import { VolunteeringDatabase } from '../volunteering-database';
import { allows, authoriseInLero } from '../volunteering-access';
import { TrainingRepository } from '../training/training.repository';
import type { TrainingItem } from '../training/training.entity';
import { VolunteerRole } from './role.entity';
import { RolesRepository } from './roles.repository';
import { roleEvent, roleView } from './role.view';
import { unknownRequirement } from './roles.exception';

const DEFAULT_PAGE = 50;
const OPEN = { status: 'open' };

/** Which event a role's change is: published when it opens, closed when it closes, updated otherwise. */
const eventOf = (before: RoleStatus | null, after: RoleStatus) =>
  after === before
    ? VolunteeringEvents.roleUpdated
    : after === 'open'
      ? VolunteeringEvents.rolePublished
      : VolunteeringEvents.roleClosed;

/**
 * A LERO's volunteering roles. Its tenant-admins and coordinators run them; its volunteers and members see the open
 * ones (a closed role answers them as a missing one would).
 */
@Injectable()
export class RolesService {
  constructor(
    private readonly db: VolunteeringDatabase,
    private readonly roles: RolesRepository,
    private readonly training: TrainingRepository,
  ) {}

  async create(ctx: RequestContext, dto: CreateRoleRequest): Promise<RoleView> {
    const { tenantId } = authoriseInLero(ctx.actor, dto.tenantId, 'create', 'Role');
    return this.db.forTenant(tenantId).em.transactional(async (em) => {
      const catalogue = await this.requirements(em, dto.requirementIds ?? []);
      const now = new Date();
      const role = em.create(VolunteerRole, {
        tenantId,
        title: dto.title.trim(),
        description: dto.description?.trim() || null,
        whatYoullDo: dto.whatYoullDo?.trim() || null,
        where: dto.where?.trim() || null,
        skills: (dto.skills ?? []).map((s) => s.trim()),
        requirementIds: dto.requirementIds ?? [],
        visibility: dto.visibility,
        status: dto.status ?? 'open',
        createdAt: now,
        updatedAt: now,
      });
      em.persist(role);
      recordEvent(em, eventOf(null, role.status), roleEvent(role, catalogue), tenantId);
      return roleView(role, catalogue);
    });
  }

  async list(ctx: RequestContext, query: ListRolesRequest): Promise<Page<RoleView>> {
    const authorised = authoriseInLero(ctx.actor, query.tenantId, 'read', 'Role', 'LERO', OPEN);
    const seesClosed = allows(authorised, 'read', 'Role', { status: 'closed' });
    if (query.status === 'closed' && !seesClosed) return { items: [], nextCursor: null };
    const em = this.db.forTenant(authorised.tenantId).em;
    const limit = query.limit ?? DEFAULT_PAGE;
    const rows = await this.roles.page(em, {
      status: seesClosed ? query.status : 'open',
      afterId: query.cursor ? decodeCursor(query.cursor) : undefined,
      limit,
    });
    const catalogue = await this.catalogueOf(em, rows.slice(0, limit));
    return pageOf(rows, limit, (r) => roleView(r, catalogue));
  }

  async get(ctx: RequestContext, dto: RoleIdRequest): Promise<RoleView> {
    const authorised = authoriseInLero(ctx.actor, dto.tenantId, 'read', 'Role', 'Role', OPEN);
    const em = this.db.forTenant(authorised.tenantId).em;
    const role = await this.roles.find(em, dto.roleId);
    if (!role || !allows(authorised, 'read', 'Role', { status: role.status })) throw notFound('Role');
    return roleView(role, await this.catalogueOf(em, [role]));
  }

  async update(ctx: RequestContext, dto: UpdateRoleRequest): Promise<RoleView> {
    const { tenantId } = authoriseInLero(ctx.actor, dto.tenantId, 'update', 'Role', 'Role');
    return this.db.forTenant(tenantId).em.transactional(async (em) => {
      const role = await this.roles.find(em, dto.roleId, true);
      if (!role) throw notFound('Role');
      const { tenantId: _t, roleId: _r, ...changes } = dto;
      if (Object.values(changes).every((v) => v === undefined))
        return roleView(role, await this.catalogueOf(em, [role]));
      if (dto.requirementIds !== undefined) {
        await this.requirements(em, dto.requirementIds);
        role.requirementIds = dto.requirementIds;
      }
      const before = role.status;
      if (dto.title !== undefined) role.title = dto.title.trim();
      if (dto.description !== undefined) role.description = dto.description?.trim() || null;
      if (dto.whatYoullDo !== undefined) role.whatYoullDo = dto.whatYoullDo?.trim() || null;
      if (dto.where !== undefined) role.where = dto.where?.trim() || null;
      if (dto.skills !== undefined) role.skills = dto.skills.map((s) => s.trim());
      if (dto.visibility !== undefined) role.visibility = dto.visibility;
      if (dto.status !== undefined) role.status = dto.status;
      role.updatedAt = new Date();
      const catalogue = await this.catalogueOf(em, [role]);
      recordEvent(em, eventOf(before, role.status), roleEvent(role, catalogue), tenantId);
      return roleView(role, catalogue);
    });
  }

  /** The catalogue items `ids` name, each of this LERO: one that is missing (or another LERO's) is refused. */
  private async requirements(em: EntityManager, ids: string[]): Promise<Map<string, TrainingItem>> {
    const found = new Map((await this.training.findMany(em, ids)).map((t) => [t.id, t]));
    const missing = ids.find((id) => !found.has(id));
    if (missing) throw unknownRequirement(missing);
    return found;
  }

  /** The catalogue items the roles require, by id, in one query. */
  private async catalogueOf(em: EntityManager, roles: VolunteerRole[]): Promise<Map<string, TrainingItem>> {
    const ids = [...new Set(roles.flatMap((r) => r.requirementIds))];
    return new Map((await this.training.findMany(em, ids)).map((t) => [t.id, t]));
  }
}
