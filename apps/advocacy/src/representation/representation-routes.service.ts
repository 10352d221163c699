import { Injectable } from '@nestjs/common';
import type {
  CreateSeatRequest,
  ListMeetingsRequest,
  ListSeatsRequest,
  LogMeetingRequest,
  MeetingIdRequest,
  RequestContext,
  SeatIdRequest,
  UpdateMeetingRequest,
  UpdateSeatRequest,
} from '@hearth/contracts';
import type { Action } from '@hearth/auth';
import { authoriseInLero } from '../advocacy-access';
import { MeetingsService } from './meetings.service';
import { SeatsService } from './seats.service';

const without = <T extends object>(d: T, ...keys: string[]) =>
  Object.fromEntries(Object.entries(d).filter(([k]) => !keys.includes(k))) as never;

/**
 * Each representation-log request through the gate first (ADR 0069): the LERO's tenant-admins and coordinators keep
 * its seats and meetings; its volunteers and members are refused; anyone else is told the LERO is missing.
 */
@Injectable()
export class RepresentationRoutes {
  constructor(
    private readonly seats: SeatsService,
    private readonly meetings: MeetingsService,
  ) {}

  createSeat = (ctx: RequestContext, d: CreateSeatRequest) =>
    this.seats.create(gate(ctx, d, 'create'), without(d, 'tenantId'));
  listSeats = (ctx: RequestContext, d: ListSeatsRequest) => this.seats.list(gate(ctx, d, 'read'), d);
  getSeat = (ctx: RequestContext, d: SeatIdRequest) => this.seats.get(gate(ctx, d, 'read'), d.seatId);
  updateSeat = (ctx: RequestContext, d: UpdateSeatRequest) =>
    this.seats.update(gate(ctx, d, 'update'), d.seatId, without(d, 'tenantId', 'seatId'));
  deleteSeat = (ctx: RequestContext, d: SeatIdRequest) => this.seats.remove(gate(ctx, d, 'delete'), d.seatId);

  logMeeting = (ctx: RequestContext, d: LogMeetingRequest) =>
    this.meetings.log(gate(ctx, d, 'create'), without(d, 'tenantId'));
  listMeetings = (ctx: RequestContext, d: ListMeetingsRequest) => this.meetings.list(gate(ctx, d, 'read'), d);
  getMeeting = (ctx: RequestContext, d: MeetingIdRequest) =>
    this.meetings.get(gate(ctx, d, 'read'), d.meetingId);
  updateMeeting = (ctx: RequestContext, d: UpdateMeetingRequest) =>
    this.meetings.update(gate(ctx, d, 'update'), d.meetingId, without(d, 'tenantId', 'meetingId'));
  removeMeeting = (ctx: RequestContext, d: MeetingIdRequest) =>
    this.meetings.remove(gate(ctx, d, 'delete'), d.meetingId);
}

const gate = (ctx: RequestContext, d: { tenantId: string }, action: Action) =>
  authoriseInLero(ctx.actor, d.tenantId, action, 'Representation').tenantId;
