import { Injectable } from '@nestjs/common';
import type { ListVolunteersRequest, Page, RequestContext, VolunteerView } from '@hearth/contracts';
import { decodeCursor, pageOf } from '@hearth/persistence';
import { authoriseInLero } from '../volunteering-access';
import { VolunteersRepository } from './volunteers.repository';

const DEFAULT_PAGE = 50;

/** Who is a volunteer: active members whose community roles include `volunteer` (from membership's events). */
@Injectable()
export class VolunteersService {
  constructor(private readonly volunteers: VolunteersRepository) {}

  async list(ctx: RequestContext, query: ListVolunteersRequest): Promise<Page<VolunteerView>> {
    const { tenantId } = authoriseInLero(ctx.actor, query.tenantId, 'read', 'Volunteer');
    const limit = query.limit ?? DEFAULT_PAGE;
    const rows = await this.volunteers.activeVolunteers(tenantId, {
      afterId: query.cursor ? decodeCursor(query.cursor) : undefined,
      limit,
    });
    return pageOf(rows, limit, (r) => ({ memberId: r.id }));
  }
}
