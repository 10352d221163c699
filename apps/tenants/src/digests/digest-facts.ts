import { Inject, Injectable } from '@nestjs/common';
import { uuidv7 } from 'uuidv7';
import {
  DirectoryClient,
  EventsClient,
  VolunteeringClient,
  type Grant,
  type RequestContext,
} from '@hearth/contracts';
import { signAccessToken } from '@hearth/auth';
import { TENANTS_OPTIONS, clockOf, type TenantsOptions } from '../tenants.options';
import type { DigestOptions } from './digest-schedule.util';
import { DIGEST_LIST_MAX, type LeroDigest, type RegionDigest } from './digest-mail.util';

/** One look at a list: as many as the services hand out in one page. */
const SESSIONS_MAX = 500;
const PAGE_MAX = 100;
const TOKEN_TTL_SECONDS = 60;

export interface DigestRecipient {
  accountId: string;
  email: string;
}

/**
 * Asks the services that own them for a digest's facts, as its recipient (ADR 0083): a token of a minute that
 * carries only the one grant the question needs, so each service authorises it as it would the person, and the
 * digest can never tell more than they could see signed in.
 */
@Injectable()
export class DigestFactsGatherer {
  constructor(
    private readonly events: EventsClient,
    private readonly volunteering: VolunteeringClient,
    private readonly directory: DirectoryClient,
    @Inject(TENANTS_OPTIONS) private readonly options: TenantsOptions,
  ) {}

  private ctxAs(who: DigestRecipient, grant: Grant, tenantId?: string): RequestContext {
    const token = signAccessToken(
      { accountId: who.accountId, email: who.email, grants: [grant] },
      this.options.signingKey,
      TOKEN_TTL_SECONDS,
    );
    return { requestId: uuidv7(), token, ...(tenantId ? { tenantId } : {}) };
  }

  async lero(
    who: DigestRecipient,
    lero: { id: string; name: string },
    o: DigestOptions,
  ): Promise<LeroDigest> {
    const ctx = this.ctxAs(who, { role: 'coordinator', tenantId: lero.id }, lero.id);
    const now = clockOf(this.options);
    const page = await this.events.listSessions(ctx, lero.id, {
      from: now.toISOString(),
      to: new Date(now.getTime() + o.sessionsAheadMs).toISOString(),
      limit: SESSIONS_MAX,
    });
    const sessions = page.items
      .filter((s) => s.status === 'scheduled')
      .map((s) => ({
        title: s.title,
        startsAt: s.startsAt,
        timezone: s.timezone,
        going: s.going,
        waitlisted: s.waitlisted,
      }));
    const byName = new Map<string, number>();
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++) {
      const expiring = await this.volunteering.expiringTraining(ctx, lero.id, {
        days: o.trainingDays,
        limit: PAGE_MAX,
        ...(cursor ? { cursor } : {}),
      });
      for (const e of expiring.items) byName.set(e.name, (byName.get(e.name) ?? 0) + 1);
      if (!expiring.nextCursor) break;
      cursor = expiring.nextCursor;
    }
    const expiring = [...byName].map(([name, count]) => ({ name, count }));
    expiring.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
    return { lero: lero.name, sessions, expiring };
  }

  async region(who: DigestRecipient, region: { id: string; name: string }): Promise<RegionDigest> {
    const ctx = this.ctxAs(who, { role: 'directory-curator', regionId: region.id });
    const page = await this.directory.needsReview(ctx, region.id, { limit: PAGE_MAX });
    return {
      region: region.name,
      dueForReview: page.items.length,
      more: page.nextCursor !== null,
      names: page.items.slice(0, DIGEST_LIST_MAX).map((l) => l.name),
    };
  }
}
