import { Get, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { TrainingRecordView } from '@hearth/contracts';
import { memberIdIn } from '../navigation/navigation';
import { SignedIn } from '../http/guards';
import { Pages, type WebRequest } from '../http/pages';
import { longDate } from '../http/time';
import { WebController } from '../http/web-controller';
import { PageForbidden } from '../http/web-errors';
import { totalsView } from './hours-form';
import { Volunteering, volunteerMemberId, type VolunteeringPage } from './volunteering-page';

const day = (date: string) => longDate(`${date}T12:00:00Z`);

/** A training or check record as the printable record lists it: what, when, until when, how it was verified. */
const recordLine = (r: TrainingRecordView) => ({
  name: r.name,
  kind: r.kind === 'check' ? 'Check' : 'Training',
  completed: day(r.completedOn),
  until: r.expiresOn ? `valid until ${day(r.expiresOn)}` : 'does not expire',
  expired: r.status === 'expired',
  how:
    r.how === 'accepted-from-passport'
      ? `accepted from a passport of ${r.acceptedFrom?.name ?? 'another organisation'}`
      : r.how === 'delivered-by-us'
        ? 'delivered by us'
        : 'certificate seen',
});

/**
 * A volunteer's own record (issue 18, ADR 0064): roles with approved hours (all time and this year), and training and
 * checks with their dates — a page to print, beside the letter (PDF) and the passport, which say only what the
 * volunteer chooses. This page is theirs alone, so it lists every record, checks included, and says so. Any account
 * linked to a member record of the LERO sees its own; a former volunteer keeps their record.
 */
@WebController('leros/:tenantId/volunteering/my-record')
export class VolunteeringMyRecordController {
  constructor(private readonly pages: Pages) {}

  @Get()
  @SignedIn()
  async record(@Req() req: WebRequest, @Res() reply: FastifyReply, @Volunteering() page: VolunteeringPage) {
    const { lero, vol, base } = page;
    const memberId = memberIdIn(page.viewer, lero.id);
    if (!memberId) throw new PageForbidden();
    const [totals, records, volunteerId] = await Promise.all([
      vol.myHoursTotals(lero.id),
      vol.records(lero.id, memberId),
      volunteerMemberId(page),
    ]);
    await this.pages.render(req, reply, 'volunteering/my-record', {
      lero,
      base,
      canTakePassport: !!volunteerId,
      printedOn: longDate(new Date().toISOString()),
      totals: totalsView(totals),
      hasHours: totals.allTimeMinutes > 0,
      records: records.items.map(recordLine),
      hasChecks: records.items.some((r) => r.kind === 'check'),
    });
  }
}
