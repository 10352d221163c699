import { Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiError } from '../api/api-error';
import { FormErrors, NO_ERRORS } from '../http/form.util';
import { SignedIn, SignedInForm } from '../http/guards';
import { Lero, type LeroPage } from '../http/lero-page';
import { Pages, type WebRequest } from '../http/pages';
import { WebController } from '../http/web-controller';
import { flash } from '../session/web-session';
import { importCsvFrom, importErrorRows, IMPORT_MAX_BYTES } from './member-import';

/** Adding many people at once from a CSV file, for the LERO's admins and coordinators. */
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
    await this.pages.render(req, reply, 'members/import', { lero, errors: NO_ERRORS, rows: [] });
  }

  /** All or nothing: the file's problems are listed row by row, and nothing is added until there are none. */
  @Post()
  @SignedInForm()
  async import(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('staff') { lero, calls }: LeroPage,
  ): Promise<void> {
    const file = importCsvFrom(req.body);
    const errors = new FormErrors();
    if (!file) errors.add('csv', 'Select a CSV file');
    else if (file.bytes > IMPORT_MAX_BYTES)
      errors.add('csv', 'The file must be smaller than 768 KB. Split it into smaller files');
    else if (!file.text.trim()) errors.add('csv', 'The selected file is empty');
    let status = 400;
    let rows: ReturnType<typeof importErrorRows> = [];
    if (errors.ok && file) {
      try {
        const result = await calls.importMembers(lero.id, file.text);
        flash(
          req,
          `${result.created} ${result.created === 1 ? 'person' : 'people'} added`,
          `From ${file.filename || 'your file'}.`,
        );
        return this.pages.redirect(reply, `/leros/${lero.id}/members`);
      } catch (err) {
        if (!(err instanceof ApiError) || ![400, 413].includes(err.status)) throw err;
        status = err.status;
        rows = importErrorRows(err);
        if (rows.length) {
          errors.add(
            'csv',
            `The file has ${rows.length === 1 ? 'a problem' : `${rows.length} problems`}. Nobody was added. Fix ${rows.length === 1 ? 'it' : 'them'} and upload the file again`,
          );
        } else {
          errors.add('csv', err.status === 413 ? 'The file must be smaller than 768 KB' : err.detail);
        }
      }
    }
    await this.pages.render(
      req,
      reply,
      'members/import',
      { lero, errors: errors.view(['csv']), rows, filename: file?.filename },
      status,
    );
  }
}
