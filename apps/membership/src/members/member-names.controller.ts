import {
  MemberNamesRequest,
  MembershipSubjects as S,
  notFound,
  type MemberNamesView,
  type RequestContext,
} from '@hearth/contracts';
import { requireActor } from '@hearth/auth';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { asTenantId } from '@hearth/persistence';
import { MembershipDatabase } from '../membership-database';

const STAFF: string[] = ['tenant-admin', 'coordinator', 'volunteer'];

/**
 * Names of active members for the LERO's other services (the events service's registers and RSVP checks),
 * asked on behalf of the person using them: staff of the LERO (volunteers included: they check people in)
 * get any active member's name, a member only their own, anyone outside the LERO nothing at all.
 */
async function activeMemberNames(
  db: MembershipDatabase,
  ctx: RequestContext,
  dto: MemberNamesRequest,
): Promise<MemberNamesView> {
  const grants = requireActor(ctx.actor).grants.filter((g) => g.tenantId === dto.tenantId);
  if (grants.length === 0) throw notFound('LERO');
  const own = new Set(grants.flatMap((g) => (g.role === 'member' && g.memberId ? [g.memberId] : [])));
  const ids = grants.some((g) => STAFF.includes(g.role))
    ? dto.memberIds
    : dto.memberIds.filter((id) => own.has(id));
  if (ids.length === 0) return { items: [] };
  const rows = await db.readInTenant<{ id: string; display_name: string }>(
    asTenantId(dto.tenantId),
    `select id, display_name from membership.members
      where tenant_id = $1::uuid and status = 'active' and display_name is not null and id = any($2::uuid[])`,
    [dto.tenantId, `{${ids.join(',')}}`],
  );
  return { items: rows.map((r) => ({ id: r.id, displayName: r.display_name })) };
}

/** Answers `membership.member.names` (ids are validated UUIDs, at most 500, by the contract). */
@MessageController()
export class MemberNamesController {
  constructor(private readonly db: MembershipDatabase) {}

  @Answer(S.memberNames) names(
    @Ctx() ctx: RequestContext,
    @Data(MemberNamesRequest) dto: MemberNamesRequest,
  ) {
    return activeMemberNames(this.db, ctx, dto);
  }
}
