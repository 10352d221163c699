import { Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { SKIP_COLUMN, type ColumnChoice, type TenantView } from '@hearth/contracts';
import type { HearthApiCalls } from '../api/hearth-api';
import { ApiError } from '../api/api-error';
import { FormErrors, NO_ERRORS, field } from '../http/form.util';
import { SignedIn, SignedInForm } from '../http/guards';
import { Lero, type LeroPage } from '../http/lero-page';
import { Pages, type WebRequest } from '../http/pages';
import { WebController } from '../http/web-controller';
import { flash } from '../session/web-session';
import {
  columnsFromForm,
  importedMessage,
  previewPage,
  sheetFromForm,
  sheetFromUpload,
  type SheetUpload,
} from './member-import';

const filename = (file: SheetUpload) => file.filename || 'your file';

/** The API's answers to a file it cannot take: shown on the page, never an error page. */
const FILE_REFUSED = [400, 413, 415];

/**
 * Adding and updating many people at once from a spreadsheet (CSV or XLSX), for the LERO's admins and
 * coordinators: the file is checked first and the page shows what each column holds and what happens to each
 * row; nothing is written until they confirm. The file travels back with the preview's form, so nothing is
 * kept on the server in between.
 */
@WebController('leros/:tenantId/members/import')
export class MemberImportController {
  constructor(private readonly pages: Pages) {}

  @Get()
  @SignedIn()
  async importForm(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('staff') { lero }: LeroPage,
  ): Promise<void> {
    await this.pages.render(req, reply, 'members/import', { lero, errors: NO_ERRORS });
  }

  /** A file chosen: checked by the API without writing anything, then shown for the person to confirm. */
  @Post()
  @SignedInForm()
  async upload(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('staff') { lero, calls }: LeroPage,
  ): Promise<void> {
    const { file, error } = sheetFromUpload(req.body);
    if (!file) return this.form(req, reply, lero, error!);
    await this.preview(req, reply, lero, calls, file);
  }

  /** From the preview: check again with the columns as chosen, or import. */
  @Post('review')
  @SignedInForm()
  async review(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('staff') { lero, calls }: LeroPage,
  ): Promise<void> {
    const file = sheetFromForm(req.body);
    if (!file)
      return this.form(req, reply, lero, 'The file could not be read again. Select it and upload it again');
    const columns = columnsFromForm(req.body);
    // Only what the page showed is imported: columns changed since are checked first.
    const shown = field(req.body, 'checked') === (columns ?? []).join(',');
    if (field(req.body, 'action') !== 'import' || !shown)
      return this.preview(req, reply, lero, calls, file, columns);
    try {
      const result = await calls.importMembers(lero.id, file, columns);
      const message = importedMessage(result, file.filename);
      flash(req, message.title, message.text);
      return this.pages.redirect(reply, `/leros/${lero.id}/members`);
    } catch (err) {
      // The LERO's members changed since the preview: show what an import would do now.
      if (!(err instanceof ApiError) || !FILE_REFUSED.includes(err.status)) throw err;
      return this.preview(req, reply, lero, calls, file, columns, 400);
    }
  }

  private async preview(
    req: WebRequest,
    reply: FastifyReply,
    lero: TenantView,
    calls: HearthApiCalls,
    file: SheetUpload,
    columns?: ColumnChoice[],
    status = 200,
  ): Promise<void> {
    let preview;
    try {
      preview = await calls.previewImport(lero.id, file, columns);
    } catch (err) {
      if (!(err instanceof ApiError) || !FILE_REFUSED.includes(err.status)) throw err;
      const words =
        err.status === 413
          ? 'The file is too large: split it into smaller files'
          : err.status === 415
            ? 'The selected file must be a CSV or an Excel workbook (.xlsx)'
            : err.detail;
      return this.form(req, reply, lero, words);
    }
    const page = previewPage(preview);
    await this.pages.render(
      req,
      reply,
      'members/import-preview',
      {
        lero,
        filename: filename(file),
        sheet: {
          data: Buffer.from(file.data).toString('base64'),
          format: file.format,
          filename: file.filename,
        },
        checked: preview.columns.map((c) => c.field ?? SKIP_COLUMN).join(','),
        ...page,
        errors: page.problems.length
          ? {
              summary: [
                {
                  text: `${filename(file)} has ${page.problems.length === 1 ? 'a problem' : `${page.problems.length} problems`}. Nobody can be imported until ${page.problems.length === 1 ? 'it is' : 'they are'} fixed`,
                  href: '#problems',
                },
              ],
              fields: {},
            }
          : NO_ERRORS,
      },
      status,
    );
  }

  private async form(req: WebRequest, reply: FastifyReply, lero: TenantView, message: string): Promise<void> {
    const errors = new FormErrors().add('file', message);
    await this.pages.render(req, reply, 'members/import', { lero, errors: errors.view(['file']) }, 400);
  }
}
