import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import {
  CreateMemberDto,
  ListMembersQuery,
  MembershipClient,
  UpdateMeDto,
  UpdateMemberDto,
  type RequestContext,
} from '@hearth/contracts';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody, ApiContractQuery } from '../http/api-contract';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context, UuidParam } from '../http/request-context';
import { TenantScoped } from '../http/tenant-access.guard';

/**
 * A LERO's people. The guard checks that the LERO exists for the caller and is open; the membership service
 * decides what the caller may do (tenant-admin and coordinator everything, volunteer names and roles, member
 * only `/me`). Imports and exports of spreadsheets are in `member-sheets.controller.ts`.
 */
@ApiTag('members')
@ApiBearerAuth()
@TenantScoped()
@Controller('api/v1/tenants/:tenantId')
export class MembersController {
  constructor(private readonly membership: MembershipClient) {}

  @Post('members')
  @ApiDoc({
    summary: 'Add a member record',
    description:
      'Only `displayName` is needed: a first name or a nickname is enough, and email and phone are optional. `communityRoles` are what the person does in the LERO (`member`, `volunteer`, `peer-mentor`, `staff`, `trustee`), not what they may do in Hearth; `pathway` is their own words, never a score. `consents` (contact, photos, sharing stories anonymously) start the record’s consent history. Answers the record; it counts as a new member in the LERO’s figures. To let the person sign in and see their record, invite them with `memberId` (`POST /api/v1/tenants/{tenantId}/invitations`).',
    who: 'The LERO’s tenant-admins and coordinators.',
    errors:
      '403 for its volunteers and members, and for region and platform staff (person-level data stays in the LERO).',
  })
  @ApiContractBody(CreateMemberDto)
  create(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Body(new ContractPipe(CreateMemberDto)) dto: CreateMemberDto,
  ) {
    return this.membership.createMember(ctx, tenantId, dto);
  }

  @Get('members')
  @ApiDoc({
    summary: 'Find the LERO’s members',
    description:
      'A page of member records (`limit` 20 unless given, at most 100): `search` matches the display name and email anywhere (ignoring case), `communityRole` and `status` (`active`, `left`) narrow it; `sort=name` lists them by name ignoring case (default `joined`: in the order they joined; each order has its own cursor); erased people are never listed. `members.csv` and `members.xlsx` give the same list as a spreadsheet. Volunteers get active members only, with `id`, `displayName` and `communityRoles` (enough to check people in), and their search matches names only.',
    who: 'The LERO’s tenant-admins and coordinators (whole records); its volunteers (active members, names and roles).',
    errors:
      '403 for a volunteer asking for `status=left`; 403 for its members (they have `/me`), and for region and platform staff.',
  })
  @ApiContractQuery(ListMembersQuery)
  list(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Query(new ContractPipe(ListMembersQuery)) query: ListMembersQuery,
  ) {
    return this.membership.listMembers(ctx, tenantId, query);
  }

  @Get('members/:memberId')
  @ApiDoc({
    summary: 'One member record',
    description:
      'Answers `{id, displayName, email, phone, communityRoles, pathway, preferredContact, reminders, consents, notes, status, joinedAt, leftAt, updatedAt}` (`reminders`: session reminders `email` or `none`); a volunteer gets `id`, `displayName` and `communityRoles` of an active member. Every read is in the LERO’s activity log.',
    who: 'The LERO’s tenant-admins and coordinators; its volunteers (active members, summary only).',
    errors:
      '403 for its members and for region and platform staff; 404 for an erased record, one another LERO holds, and (for volunteers) a member who left.',
  })
  get(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('memberId') memberId: string,
  ) {
    return this.membership.getMember(ctx, tenantId, memberId);
  }

  @Patch('members/:memberId')
  @ApiDoc({
    summary: 'Change a member record',
    description:
      'Fields left out stay as they are; `null` clears `email`, `phone`, `pathway`, `preferredContact` and `notes`. `reminders` is `email` or `none`: a session reminder is emailed the day before to a member going who chose `email`, consented to contact and has an email; `none` also drops reminders still waiting to be sent. `consents` changes only the consents named, each change added to the consent history. Answers the record; the change is in the LERO’s activity log.',
    who: 'The LERO’s tenant-admins and coordinators.',
    errors:
      '400 for `null` where a value cannot be cleared (`displayName`, a consent); 403 for its volunteers and members, and for region and platform staff; 404 for an erased record.',
  })
  @ApiContractBody(UpdateMemberDto)
  update(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('memberId') memberId: string,
    @Body(new ContractPipe(UpdateMemberDto)) dto: UpdateMemberDto,
  ) {
    return this.membership.updateMember(ctx, tenantId, memberId, dto);
  }

  @Post('members/:memberId/leave')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Record that a member has left',
    description:
      'The record stays (status `left`, `leftAt` set) and can be rejoined; volunteers no longer see it, and a left member cannot be checked in or RSVP. To remove the person’s data, erase the record instead. Answers the record.',
    who: 'The LERO’s tenant-admins and coordinators.',
    errors: '409 `MemberAlreadyLeft`.',
  })
  leave(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('memberId') memberId: string,
  ) {
    return this.membership.leaveMember(ctx, tenantId, memberId);
  }

  @Post('members/:memberId/rejoin')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Welcome back a member who left',
    description: 'The record is `active` again, with its history. Answers the record.',
    who: 'The LERO’s tenant-admins and coordinators.',
    errors: '409 `MemberAlreadyActive`.',
  })
  rejoin(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('memberId') memberId: string,
  ) {
    return this.membership.rejoinMember(ctx, tenantId, memberId);
  }

  /** Erasure (UK GDPR art. 17): personal values destroyed, the record gone for good. */
  @Delete('members/:memberId')
  @HttpCode(204)
  @ApiDoc({
    summary: 'Erase a member (right to erasure)',
    description:
      'Cannot be undone. The person’s personal data is destroyed at once and the record can never be read again. Every part of Hearth holding their member id drops it: RSVPs and check-ins keep counting, with no name; a sign-in account linked to the record loses the link, or is deleted when that was all it held. Answers 204.',
    who: 'The LERO’s tenant-admins and coordinators.',
    errors:
      '403 for its volunteers and members, and for region and platform staff; 404 for a record already erased.',
  })
  async erase(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('memberId') memberId: string,
  ): Promise<void> {
    await this.membership.eraseMember(ctx, tenantId, memberId);
  }

  @Get('members/:memberId/consents')
  @ApiDoc({
    summary: 'A member’s consent history',
    description:
      'Every consent given or withdrawn, newest first: `{items: [{id, consent, given, recordedAt, recordedBy, bySelf}]}` (`bySelf` when the member recorded it at `/me`). The read is in the LERO’s activity log.',
    who: 'The LERO’s tenant-admins and coordinators.',
    errors: '403 for its volunteers and members, and for region and platform staff.',
  })
  consents(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('memberId') memberId: string,
  ) {
    return this.membership.listConsents(ctx, tenantId, memberId);
  }

  /**
   * Everything Hearth holds about the person, gathered from every service (UK GDPR art. 15 and 20); whole or
   * not at all: 503 with `missing` (and Retry-After) when a service that holds a part did not answer.
   */
  @Get('members/:memberId/export')
  @ApiDoc({
    summary: 'Everything Hearth holds about a member (subject access)',
    description:
      'One JSON document with a part from every service that holds the person’s member id (their record and consent history, RSVPs, attendance, a linked account) for a subject access request or data portability (UK GDPR art. 15 and 20). Whole or not at all. The export is in the LERO’s activity log.',
    who: 'The LERO’s tenant-admins and coordinators (a member exports their own at `/me/export`).',
    errors:
      '503 `ExportIncomplete` with `missing` (the parts not given) and `Retry-After` when a part of Hearth did not answer: nothing is given, try again; 403 for its volunteers and members, and for region and platform staff.',
  })
  export(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('memberId') memberId: string,
  ) {
    return this.membership.exportMember(ctx, tenantId, memberId);
  }

  @Get('me')
  @ApiDoc({
    summary: 'Your own member record in this LERO',
    description:
      'The record your account is linked to (by the member invitation you accepted), without the LERO’s notes about you.',
    who: 'A member whose account is linked to a member record in this LERO.',
    errors: '404 when your account has no member record linked in this LERO (staff roles have none).',
  })
  getMe(@Context() ctx: RequestContext, @UuidParam('tenantId') tenantId: string) {
    return this.membership.getMe(ctx, tenantId);
  }

  @Patch('me')
  @ApiDoc({
    summary: 'Change your own member record',
    description:
      'Your name, contact details, pathway, session reminders and consents (each consent change recorded as your own); not your community roles or the LERO’s notes. Fields left out stay as they are; `null` clears `email`, `phone`, `pathway` and `preferredContact`. `reminders`: `email` (a reminder the day before each session you are going to, while you consent to contact and have an email) or `none` (also drops reminders still waiting to be sent).',
    who: 'A member whose account is linked to a member record in this LERO.',
    errors: '404 when your account has no member record linked in this LERO.',
  })
  @ApiContractBody(UpdateMeDto)
  updateMe(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Body(new ContractPipe(UpdateMeDto)) dto: UpdateMeDto,
  ) {
    return this.membership.updateMe(ctx, tenantId, dto);
  }

  @Get('me/export')
  @ApiDoc({
    summary: 'Everything Hearth holds about you',
    description:
      'The same document as a staff member’s export of your record (`GET …/members/{memberId}/export`), for your own copy (UK GDPR art. 15 and 20).',
    who: 'A member whose account is linked to a member record in this LERO.',
    errors:
      '404 when your account has no member record linked in this LERO; 503 `ExportIncomplete` (with `Retry-After`) when a part of Hearth did not answer: try again.',
  })
  exportMe(@Context() ctx: RequestContext, @UuidParam('tenantId') tenantId: string) {
    return this.membership.exportMe(ctx, tenantId);
  }
}
