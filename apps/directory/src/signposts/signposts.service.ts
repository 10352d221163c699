import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  AppError,
  DirectoryEvents,
  SIGNPOST_OTHER_CATEGORY,
  TenantsClient,
  isSignpostCategory,
  type RecordSignpostRequest,
  type RequestContext,
  type SignpostView,
} from '@hearth/contracts';
import { eventStatement } from '@hearth/messaging';
import { DirectoryDatabase } from '../directory-database';
import { authoriseInLero, regionOfLero } from '../directory-access';
import { signpostDay } from './signpost-date.util';
import { SignpostsRepository } from './signposts.repository';

const invalid = (field: string, message: string) =>
  new AppError('VALIDATION', `Invalid ${field}: ${message}.`, { errors: [{ field, message }] });

/**
 * A LERO's staff and volunteers record that someone was signposted: a category (a taxonomy term the LERO's
 * region can see), perhaps one of the region's active listings, a channel and a day. Written with its event in
 * one transaction; the event says which of Hearth's categories reporting counts it under.
 */
@Injectable()
export class SignpostsService {
  constructor(
    private readonly db: DirectoryDatabase,
    private readonly tenants: TenantsClient,
    private readonly signposts: SignpostsRepository,
  ) {}

  async record(ctx: RequestContext, dto: RecordSignpostRequest): Promise<SignpostView> {
    const lero = authoriseInLero(ctx.actor, dto.tenantId, 'create', 'Signpost');
    const date = signpostDay(dto.date, new Date());
    const regionId = regionOfLero(lero, await this.tenants.tenantAccess(ctx, lero.tenantId));
    const taxonomyTermId = dto.taxonomyTermId.toLowerCase();
    const serviceId = dto.serviceId?.toLowerCase() ?? null;
    return this.db.transactInLeroOfRegion(lero.tenantId, regionId, async (tx) => {
      const [[found], service] = await tx.run<[{ term: string | null; hearth: string | null }[], unknown[]]>([
        this.signposts.termAndHearthAncestor(taxonomyTermId),
        ...(serviceId ? [this.signposts.activeService(serviceId)] : []),
      ]);
      if (!found?.term)
        throw invalid('taxonomyTermId', 'must be a term of Hearth’s or this region’s taxonomies');
      if (serviceId && !service?.length)
        throw invalid('serviceId', 'must be an active listing of this region’s directory');
      const id = randomUUID();
      const view: SignpostView = { id, taxonomyTermId, serviceId, channel: dto.channel, date };
      const category =
        found.hearth && isSignpostCategory(found.hearth) ? found.hearth : SIGNPOST_OTHER_CATEGORY;
      await tx.run(
        [
          this.signposts.insert(lero.tenantId, view),
          eventStatement(
            tx,
            'directory',
            DirectoryEvents.signpostRecorded,
            { tenantId: lero.tenantId, signpostId: id, date, taxonomyTermId, category },
            lero.tenantId,
            // No moment anywhere: a random event id (not a time-ordered one) and the day for its time.
            { id: randomUUID(), occurredAt: new Date(`${date}T00:00:00Z`) },
          ),
        ],
        { commit: true },
      );
      return view;
    });
  }
}
