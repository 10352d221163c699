import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiProduces } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  IMPORT_MAX_ROWS,
  ImportMembersQuery,
  ListMembersQuery,
  MembershipClient,
  XLSX_MEDIA_TYPE,
  type ColumnChoice,
  type MemberField,
  type MemberSheetFormat,
  type MemberView,
  type RequestContext,
} from '@hearth/contracts';
import { ContractPipe } from '@hearth/platform';
import { ApiContractQuery } from '../http/api-contract';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context, UuidParam } from '../http/request-context';
import { SheetBodyPipe, type SheetBody } from '../http/sheet-body.pipe';
import { TenantScoped } from '../http/tenant-access.guard';
import { readXlsx } from './member-sheet-read.util';
import { TEMPLATE_HELP, csvOf, membersTable, templateTable, xlsxOf } from './member-sheet-write.util';

const CSV_TYPE = 'text/csv; charset=utf-8';
const EXPORT_DOC = {
  description:
    'The same query as `GET /members` (search, communityRole, status, sort; with `limit` and `cursor`, that page ' +
    'only; without them, everyone it finds). One column per field the caller may see (consents as three); ' +
    'importing the file again matches people by its `id` column and changes nothing. A cell starting with =, +, - ' +
    "or @ is written with a ' before it, which the import takes off again. Every export is in the LERO’s " +
    'activity log (how many, the format and filters; never a search’s text).',
  who: 'The LERO’s tenant-admins and coordinators.',
  errors: '403 for its volunteers and members, and for region and platform staff.',
};

const today = () => new Date().toISOString().slice(0, 10);

/**
 * A LERO's members in and out of spreadsheets (ADR 0031): imports of CSV or XLSX files (with a dry run that says
 * what an import would do), the import template, and exports of the members list. The membership service
 * authorises, reads, matches and audits; this turns files into rows and rows into files.
 */
@ApiTag('members')
@ApiBearerAuth()
@TenantScoped()
@Controller('api/v1/tenants/:tenantId')
export class MemberSheetsController {
  constructor(private readonly membership: MembershipClient) {}

  @Post('members/import')
  @ApiDoc({
    summary: 'Import members from a spreadsheet (CSV or XLSX), or check what an import would do',
    description:
      'The body is the file itself: `Content-Type: text/csv` (UTF-8) or an Excel workbook (its first sheet). The ' +
      'first row names the columns; common spellings are recognised in any case (Name, Display name, First name + ' +
      'Last name, Email, E-mail, Phone, Mobile, Roles, Role …, and the columns of an export), or `columns` says what ' +
      'each holds (a field or `-` per column, in order). Roles are separated by `;` or commas, in any case. A row ' +
      'that matches a member (the `id` column of an export; else the email, ignoring case; a row without email by ' +
      'name only, and then never changed) updates them or leaves them as they are; the others are added, so ' +
      'importing a file again changes nothing. All or nothing. Answers `{created, updated, unchanged, errors: []}`; ' +
      'with `dryRun=true` nothing is written and it answers 200 with each column, the counts and each row’s ' +
      'outcome (`new`, `update`, `unchanged`, `error`), rows without email flagged. Up to 5,000 rows and 768 KiB.',
    who: 'The LERO’s tenant-admins and coordinators.',
    errors:
      '400 `ImportRejected` when any row is invalid: nothing is imported, and `errors: [{row, column, cell, value, field, message}]` lists the first 100 problems (the header is row 1); 400 for a file that cannot be read; 403 for its volunteers and members, and for region and platform staff; 413 for a file over 768 KiB or a workbook that unpacks to more than 16 MiB; 415 for another content type.',
  })
  @ApiConsumes('text/csv', XLSX_MEDIA_TYPE)
  @ApiBody({
    description:
      'The file: CSV UTF-8, or an Excel workbook (its first sheet). The template’s header is `Name,Email,Phone,Roles,Pathway,Preferred contact,Notes`; the first row names the columns.',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiContractQuery(ImportMembersQuery)
  async import(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Query(new ContractPipe(ImportMembersQuery)) query: ImportMembersQuery,
    @Body(new SheetBodyPipe()) body: SheetBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const sheet = 'csv' in body ? body.csv : { rows: await readXlsx(body.xlsx) };
    const columns = query.columns?.split(',') as ColumnChoice[] | undefined;
    if (query.dryRun !== 'true') return this.membership.importMembers(ctx, tenantId, sheet, columns);
    void reply.status(200);
    return this.membership.previewImport(ctx, tenantId, sheet, columns);
  }

  @Get('members/import/template.csv')
  @ApiDoc({
    summary: 'The import template as CSV',
    description: `The header row of an import file: Name, Email, Phone, Roles, Pathway, Preferred contact, Notes. Up to ${IMPORT_MAX_ROWS} rows can follow.`,
    who: 'Anyone with a role in the LERO, and its region’s staff (it holds no data).',
  })
  @ApiProduces('text/csv')
  templateCsv(
    @UuidParam('tenantId') _tenantId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): string {
    download(reply, CSV_TYPE, 'hearth-members-template.csv');
    return csvOf(templateTable());
  }

  @Get('members/import/template.xlsx')
  @ApiDoc({
    summary: 'The import template as an Excel workbook',
    description:
      'The header row on the first sheet (every column text, so a phone keeps its leading 0), and what each column takes on a second.',
    who: 'Anyone with a role in the LERO, and its region’s staff (it holds no data).',
  })
  @ApiProduces(XLSX_MEDIA_TYPE)
  async templateXlsx(
    @UuidParam('tenantId') _tenantId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    download(reply, XLSX_MEDIA_TYPE, 'hearth-members-template.xlsx');
    return xlsxOf(templateTable(), 'Members', TEMPLATE_HELP);
  }

  @Get('members.csv')
  @ApiDoc({ summary: 'The members list as CSV', ...EXPORT_DOC })
  @ApiProduces('text/csv')
  @ApiContractQuery(ListMembersQuery)
  async exportCsv(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Query(new ContractPipe(ListMembersQuery)) query: ListMembersQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const { members, fields } = await this.everyMember(ctx, tenantId, query, 'csv');
    download(reply, CSV_TYPE, `members-${today()}.csv`);
    return csvOf(membersTable(members, fields));
  }

  @Get('members.xlsx')
  @ApiDoc({ summary: 'The members list as an Excel workbook', ...EXPORT_DOC })
  @ApiProduces(XLSX_MEDIA_TYPE)
  @ApiContractQuery(ListMembersQuery)
  async exportXlsx(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Query(new ContractPipe(ListMembersQuery)) query: ListMembersQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const { members, fields } = await this.everyMember(ctx, tenantId, query, 'xlsx');
    const file = await xlsxOf(membersTable(members, fields), 'Members');
    download(reply, XLSX_MEDIA_TYPE, `members-${today()}.xlsx`);
    return file;
  }

  /** Every member the query finds (page by page; each page is audited), or the one page `limit` asks for. */
  private async everyMember(
    ctx: RequestContext,
    tenantId: string,
    query: ListMembersQuery,
    format: MemberSheetFormat,
  ): Promise<{ members: MemberView[]; fields: MemberField[] }> {
    const members: MemberView[] = [];
    let cursor = query.cursor;
    for (;;) {
      const page = await this.membership.bulkExportPage(ctx, tenantId, { ...query, cursor }, format);
      members.push(...page.items);
      if (!page.nextCursor || query.limit !== undefined) return { members, fields: page.fields };
      cursor = page.nextCursor;
    }
  }
}

function download(reply: FastifyReply, contentType: string, filename: string): void {
  void reply
    .header('content-type', contentType)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('x-content-type-options', 'nosniff');
}
