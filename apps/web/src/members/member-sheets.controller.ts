import { Get, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { XLSX_MEDIA_TYPE, type MemberSheetFormat } from '@hearth/contracts';
import { SignedIn } from '../http/guards';
import { Lero, type LeroPage } from '../http/lero-page';
import { Pages } from '../http/pages';
import { WebController } from '../http/web-controller';
import { apiQuery, memberListFilters } from './member-list-query';

const TYPES: Record<MemberSheetFormat, string> = { csv: 'text/csv; charset=utf-8', xlsx: XLSX_MEDIA_TYPE };
const today = () => new Date().toISOString().slice(0, 10);

/**
 * Spreadsheets to download, for the LERO's admins and coordinators: the members list with the filters of the
 * page it was asked from (the API audits every export), and the import template.
 */
@WebController('leros/:tenantId')
export class MemberSheetsController {
  constructor(private readonly pages: Pages) {}

  @Get('members.csv')
  @SignedIn()
  exportCsv(
    @Res() reply: FastifyReply,
    @Lero('staff') page: LeroPage,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    return this.export(reply, page, query, 'csv');
  }

  @Get('members.xlsx')
  @SignedIn()
  exportXlsx(
    @Res() reply: FastifyReply,
    @Lero('staff') page: LeroPage,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    return this.export(reply, page, query, 'xlsx');
  }

  @Get('members/import/template.csv')
  @SignedIn()
  async templateCsv(@Res() reply: FastifyReply, @Lero('staff') { lero, calls }: LeroPage): Promise<void> {
    const file = await calls.importTemplate(lero.id, 'csv');
    await this.pages.download(reply, 'hearth-members-template.csv', TYPES.csv, file);
  }

  @Get('members/import/template.xlsx')
  @SignedIn()
  async templateXlsx(@Res() reply: FastifyReply, @Lero('staff') { lero, calls }: LeroPage): Promise<void> {
    const file = await calls.importTemplate(lero.id, 'xlsx');
    await this.pages.download(reply, 'hearth-members-template.xlsx', TYPES.xlsx, file);
  }

  private async export(
    reply: FastifyReply,
    { lero, calls }: LeroPage,
    query: Record<string, unknown>,
    format: MemberSheetFormat,
  ): Promise<void> {
    const file = await calls.membersSheet(lero.id, format, apiQuery(memberListFilters(query)));
    await this.pages.download(reply, `members-${lero.slug}-${today()}.${format}`, TYPES[format], file);
  }
}
