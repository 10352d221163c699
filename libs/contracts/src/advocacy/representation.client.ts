import type { RequestContext } from '../envelope';
import type { Requester } from '../requester';
import type { Page } from '../paging';
import { LERO_EXPORT_PAGE_TIMEOUT_MS, type LeroExportPage } from '../lero-export';
import type { AdvocacyExportPart } from './lero-export.dto';
import { AdvocacySubjects as S } from './subjects';
import type {
  CreateSeatDto,
  ListMeetingsQuery,
  ListSeatsQuery,
  LogMeetingDto,
  MeetingView,
  SeatView,
  UpdateMeetingDto,
  UpdateSeatDto,
} from './representation.dto';

/** The typed face of the advocacy service's representation log (seats and meetings, ADR 0069), for the gateway. */
export class AdvocacyRepresentationClient {
  constructor(private readonly bus: Requester) {}

  createSeat = (ctx: RequestContext, tenantId: string, dto: CreateSeatDto) =>
    this.bus.request<SeatView>(S.createSeat, ctx, { ...dto, tenantId });
  listSeats = (ctx: RequestContext, tenantId: string, query: ListSeatsQuery) =>
    this.bus.request<Page<SeatView>>(S.listSeats, ctx, { ...query, tenantId });
  getSeat = (ctx: RequestContext, tenantId: string, seatId: string) =>
    this.bus.request<SeatView>(S.getSeat, ctx, { tenantId, seatId });
  updateSeat = (ctx: RequestContext, tenantId: string, seatId: string, dto: UpdateSeatDto) =>
    this.bus.request<SeatView>(S.updateSeat, ctx, { ...dto, tenantId, seatId });
  deleteSeat = (ctx: RequestContext, tenantId: string, seatId: string) =>
    this.bus.request<{ deleted: true }>(S.deleteSeat, ctx, { tenantId, seatId });

  logMeeting = (ctx: RequestContext, tenantId: string, dto: LogMeetingDto) =>
    this.bus.request<MeetingView>(S.logMeeting, ctx, { ...dto, tenantId });
  listMeetings = (ctx: RequestContext, tenantId: string, query: ListMeetingsQuery) =>
    this.bus.request<Page<MeetingView>>(S.listMeetings, ctx, { ...query, tenantId });
  getMeeting = (ctx: RequestContext, tenantId: string, meetingId: string) =>
    this.bus.request<MeetingView>(S.getMeeting, ctx, { tenantId, meetingId });
  updateMeeting = (ctx: RequestContext, tenantId: string, meetingId: string, dto: UpdateMeetingDto) =>
    this.bus.request<MeetingView>(S.updateMeeting, ctx, { ...dto, tenantId, meetingId });
  removeMeeting = (ctx: RequestContext, tenantId: string, meetingId: string) =>
    this.bus.request<{ deleted: true }>(S.removeMeeting, ctx, { tenantId, meetingId });

  /** A page of one of advocacy's parts of a LERO's archive (ADR 0075); its tenant-admins only. */
  leroExportPage = (ctx: RequestContext, tenantId: string, part: AdvocacyExportPart, cursor?: string) =>
    this.bus.request<LeroExportPage>(
      S.leroExportPage,
      ctx,
      { tenantId, part, ...(cursor ? { cursor } : {}) },
      { timeoutMs: LERO_EXPORT_PAGE_TIMEOUT_MS },
    );
}
