import type {
  CreateSeatDto,
  LogMeetingDto,
  MeetingView,
  Page,
  SeatView,
  UpdateMeetingDto,
  UpdateSeatDto,
} from '@hearth/contracts';
import type { CallContext, HearthApi } from './hearth-api';
import { queryString } from './directory-feed-api';

/** A LERO's representation log (`/api/v1/tenants/{id}/advocacy/{seats|meetings}`, ADR 0069), as the viewer. */
export class RepresentationApi {
  constructor(
    private readonly api: HearthApi,
    private readonly ctx: CallContext,
    private readonly tenantId: string,
  ) {}

  private call = <T>(method: string, rest: string, body?: unknown) =>
    this.api.request<T>(
      method,
      `/api/v1/tenants/${encodeURIComponent(this.tenantId)}/advocacy/${rest}`,
      this.ctx,
      body,
    );

  seats = (current: boolean) =>
    this.call<Page<SeatView>>('GET', `seats${queryString({ limit: 100, current })}`);
  seat = (seatId: string) => this.call<SeatView>('GET', `seats/${encodeURIComponent(seatId)}`);
  createSeat = (dto: CreateSeatDto) => this.call<SeatView>('POST', 'seats', dto);
  changeSeat = (seatId: string, dto: UpdateSeatDto | Record<string, unknown>) =>
    this.call<SeatView>('PATCH', `seats/${encodeURIComponent(seatId)}`, dto);

  meetings = (q: { from?: string; to?: string; cursor?: string }) =>
    this.call<Page<MeetingView>>('GET', `meetings${queryString({ limit: 50, ...q })}`);
  meeting = (meetingId: string) => this.call<MeetingView>('GET', `meetings/${encodeURIComponent(meetingId)}`);
  logMeeting = (dto: LogMeetingDto) => this.call<MeetingView>('POST', 'meetings', dto);
  changeMeeting = (meetingId: string, dto: UpdateMeetingDto | Record<string, unknown>) =>
    this.call<MeetingView>('PATCH', `meetings/${encodeURIComponent(meetingId)}`, dto);
  removeMeeting = (meetingId: string) =>
    this.call<void>('DELETE', `meetings/${encodeURIComponent(meetingId)}`);
}
