import { Injectable } from '@nestjs/common';
import {
  AppError,
  IMPORT_OUTCOMES,
  IMPORT_PREVIEW_ROWS,
  MembershipEvents,
  type FieldError,
  type ImportMembersRequest,
  type ImportOutcome,
  type ImportPreviewView,
  type ImportResultView,
  type ImportRowView,
  type RequestContext,
} from '@hearth/contracts';
import { recordEvent } from '@hearth/messaging';
import type { TenantScope } from '@hearth/persistence';
import { MembershipDatabase } from '../membership-database';
import { authoriseInLero } from '../membership-access';
import { MemberAuditService } from '../audit/member-audit.service';
import { Member } from '../members/member.entity';
import { applyProfile } from '../members/member-profile.util';
import { memberEvent } from '../members/member.view';
import { ImportCandidatesRepository } from './import-candidates.repository';
import { matchKeys, matchRows, nameKey, type RowMatch } from './import-matching.util';
import type { RowError } from './member-sheet-columns.util';
import { readCsv, readMemberSheet, type ReadSheet } from './member-sheet.util';
import { importRejected, MAX_ERRORS_SHOWN } from './imports.exception';
import { dropUnwantedReminders } from '../members/member-reminders.util';

/**
 * An import, or its preview (`dryRun`). All or nothing: every row is read, checked and matched to the LERO's
 * members first; one bad row and nothing is written. Then new members are added and matched ones updated in one
 * transaction, one import of the LERO at a time, so that importing a file again changes nothing (ADR 0031).
 */
@Injectable()
export class ImportMembersUseCase {
  constructor(
    private readonly db: MembershipDatabase,
    private readonly candidates: ImportCandidatesRepository,
    private readonly audit: MemberAuditService,
  ) {}

  async run(ctx: RequestContext, dto: ImportMembersRequest): Promise<ImportResultView | ImportPreviewView> {
    const { tenantId } = authoriseInLero(ctx.actor, dto.tenantId, 'import', 'Member');
    const sheet = readSheet(dto);
    const scope = this.db.forTenant(tenantId);
    if (dto.dryRun) {
      const { matches, errors } = await scope.em.transactional((em) =>
        this.match({ tenantId, em }, sheet, false),
      );
      return preview(sheet, matches, errors);
    }
    if (sheet.errors.length > 0) throw importRejected(sheet.errors);
    return scope.em.transactional(async (em) => {
      const inLero = { tenantId, em };
      await this.candidates.lockImports(inLero);
      const { matches, errors } = await this.match(inLero, sheet, true);
      if (errors.length > 0) throw importRejected(errors);
      const now = new Date();
      const created = matches
        .filter((m) => m.outcome === 'new')
        .map((m) => {
          const member = Object.assign(new Member(), {
            tenantId,
            joinedAt: now,
            createdAt: now,
            updatedAt: now,
          });
          applyProfile(member, m.input);
          return member;
        });
      await em.insertMany(Member, created);
      await this.audit.recordMany(
        em,
        tenantId,
        ctx,
        'member.imported',
        created.map((m) => m.id),
      );
      for (const member of created)
        recordEvent(em, MembershipEvents.memberJoined, memberEvent(member, now), tenantId);
      const updates = matches.filter((m) => m.outcome === 'update');
      for (const m of updates) {
        const member = m.member as Member;
        const fields = applyProfile(member, Object.fromEntries(m.changes.map((f) => [f, m.input[f]])));
        member.updatedAt = now;
        this.audit.record(em, tenantId, ctx, 'member.updated', member.id, { fields, import: true });
        // A new address (or no consent any more): reminders queued to the old one go (ADR 0081).
        await dropUnwantedReminders(em, member, fields);
      }
      return {
        created: created.length,
        updated: updates.length,
        unchanged: matches.length - created.length - updates.length,
        errors: [],
      };
    });
  }

  /** Each row's member, looked up by the file's ids, emails and (rows without email) names. */
  private async match(
    scope: TenantScope,
    sheet: ReadSheet,
    lock: boolean,
  ): Promise<{ matches: RowMatch[]; errors: RowError[] }> {
    if (sheet.rows.length === 0) return { matches: [], errors: [] };
    const keys = matchKeys(sheet.rows);
    const ids = await this.candidates.idsByIdOrEmail(scope, keys.ids, keys.emails);
    if (keys.names.length > 0) {
      const names = new Set(keys.names);
      for (const m of await this.candidates.liveNames(scope))
        if (names.has(nameKey(m.displayName))) ids.push(m.id);
    }
    const members = await this.candidates.members(scope, [...new Set(ids)], lock);
    return matchRows(sheet.rows, members);
  }
}

/** The file as a table: CSV text is read here; a sheet's rows (XLSX, read by the gateway) come as they are. */
function readSheet(dto: ImportMembersRequest): ReadSheet {
  if ((dto.csv === undefined) === (dto.rows === undefined)) {
    throw new AppError('VALIDATION', 'Send the file as csv or as rows, not both.', {
      errors: [{ field: 'csv', message: 'exactly one of csv and rows is needed' }],
    });
  }
  const table = dto.rows ?? readCsv(dto.csv!);
  if (!Array.isArray(table)) return { plan: [], rows: [], badRows: [], errors: [table] };
  return readMemberSheet(table, dto.columns);
}

function preview(sheet: ReadSheet, matches: RowMatch[], matchErrors: RowError[]): ImportPreviewView {
  const errors = [...sheet.errors, ...matchErrors].sort((a, b) => a.row - b.row);
  const bad = new Set([...sheet.badRows, ...matchErrors.map((e) => e.row)]);
  const rows: ImportRowView[] = [
    ...matches.filter((m) => !bad.has(m.row)).map(rowView),
    ...sheet.rows
      .filter((r) => bad.has(r.row))
      .map((r) =>
        rowView({ row: r.row, outcome: 'error', member: null, matchedBy: null, changes: [], input: r.input }),
      ),
    ...sheet.badRows.map((row) => errorRow(row)),
  ].sort((a, b) => a.row - b.row);
  const counts = Object.fromEntries(IMPORT_OUTCOMES.map((o) => [o, 0])) as Record<ImportOutcome, number>;
  for (const r of rows) counts[r.outcome]++;
  return {
    dryRun: true,
    columns: sheet.plan.map((c) => ({
      letter: c.letter,
      header: c.header,
      field: c.field,
      recognised: c.recognised,
    })),
    counts,
    rows: rows.slice(0, IMPORT_PREVIEW_ROWS),
    rowsLeftOut: Math.max(0, rows.length - IMPORT_PREVIEW_ROWS),
    errors: errors.slice(0, MAX_ERRORS_SHOWN) as FieldError[],
  };
}

const rowView = (m: Omit<RowMatch, 'outcome'> & { outcome: ImportOutcome }): ImportRowView => ({
  row: m.row,
  outcome: m.outcome,
  memberId: m.member?.id ?? null,
  displayName: m.input.displayName,
  email: m.input.email?.toLowerCase() ?? null,
  matchedBy: m.matchedBy,
  changes: m.changes,
  noEmail: !m.input.email,
});

/** A row that could not be read as a member: its errors say why. */
const errorRow = (row: number): ImportRowView => ({
  row,
  outcome: 'error',
  memberId: null,
  displayName: '',
  email: null,
  matchedBy: null,
  changes: [],
  noEmail: false,
});
