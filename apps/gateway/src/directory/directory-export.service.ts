import { Injectable, Logger } from '@nestjs/common';
import { PassThrough, type Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import {
  DirectoryClient,
  HSDS_JSON_PARTS,
  HSDS_TABLES,
  type ExportCell,
  type HsdsJsonPage,
  type HsdsTablePage,
  type RequestContext,
} from '@hearth/contracts';
import { ZipWriter } from '../exports/zip-writer.util';

export interface Download {
  fileName: string;
  stream: Readable;
}

const PROFILE = 'https://github.com/openreferral/uk-profile';

/** HSDS tabular data is for programs: plain RFC 4180 CSV (no byte order mark, no prefix on `+44` or `-1.55`). */
const csv = (rows: ExportCell[][]) =>
  stringify(
    rows.map((r) => r.map((c) => (c === null ? '' : String(c)))),
    { record_delimiter: 'windows' },
  );

/**
 * A region's whole directory as one download (ADR 0041): HSDS JSON (`services` fully nested, `organizations`,
 * `taxonomies`, `taxonomy_terms`) or the HSDS tables as CSV files in a zip with a `datapackage.json`. The
 * directory authorises every page; the first page of every part is asked before anything is sent, so a refusal
 * or a service that is down answers problem+json, and a failure later breaks the download rather than end it
 * with a gap.
 */
@Injectable()
export class DirectoryExportService {
  private readonly logger = new Logger(DirectoryExportService.name);

  constructor(private readonly directory: DirectoryClient) {}

  async json(ctx: RequestContext, regionId: string): Promise<Download> {
    const pages = await Promise.all(
      HSDS_JSON_PARTS.map((part) => this.directory.exportJsonPage(ctx, { regionId, part })),
    );
    const exportedAt = new Date().toISOString();
    const out = new PassThrough({ highWaterMark: 256 * 1024 });
    // Writing waits while the client is slower than the directory; a client gone stops the writing.
    const write = async (text: string) => {
      if (out.destroyed) throw new Error('The client went away.');
      if (out.write(text)) return;
      await new Promise<void>((resolve) => {
        const done = () => {
          out.off('drain', done);
          out.off('close', done);
          resolve();
        };
        out.on('drain', done);
        out.on('close', done);
      });
    };
    const head = {
      format: 'HSDS',
      version: '3.0',
      profile: PROFILE,
      region_id: regionId,
      exported_at: exportedAt,
    };
    void (async () => {
      await write(JSON.stringify(head).slice(0, -1));
      for (const [i, part] of HSDS_JSON_PARTS.entries()) {
        await write(`,\n${JSON.stringify(part)}:[`);
        let page: HsdsJsonPage | undefined = pages[i];
        let first = true;
        while (page && !out.destroyed) {
          for (const item of page.items) {
            await write(`${first ? '\n' : ',\n'}${JSON.stringify(item)}`);
            first = false;
          }
          page = page.nextCursor
            ? await this.directory.exportJsonPage(ctx, { regionId, part, cursor: page.nextCursor })
            : undefined;
        }
        await write(']');
      }
      out.end('}\n');
    })().catch((err: unknown) => {
      if (out.destroyed) return;
      this.logger.warn({ err, regionId }, 'A directory export broke off while it was being sent');
      out.destroy(err instanceof Error ? err : new Error(String(err)));
    });
    return { fileName: `directory-${regionId}-${exportedAt.slice(0, 10)}.json`, stream: out };
  }

  async zip(ctx: RequestContext, regionId: string): Promise<Download> {
    const pages = await Promise.all(
      HSDS_TABLES.map((part) => this.directory.exportTablePage(ctx, { regionId, part })),
    );
    const exportedAt = new Date().toISOString();
    const zip = new ZipWriter(new Date(exportedAt));
    void (async () => {
      const resources: object[] = [];
      for (const [i, part] of HSDS_TABLES.entries()) {
        let page: HsdsTablePage | undefined = pages[i];
        zip.open(`${part}.csv`);
        await zip.write(csv([page.columns]));
        while (page) {
          if (page.rows.length) await zip.write(csv(page.rows));
          if (zip.closed) return;
          page = page.nextCursor
            ? await this.directory.exportTablePage(ctx, { regionId, part, cursor: page.nextCursor })
            : undefined;
        }
        zip.close();
        resources.push({
          name: part,
          path: `${part}.csv`,
          profile: 'tabular-data-resource',
          schema: { fields: pages[i].columns.map((name) => ({ name })) },
        });
      }
      // Last: a data package that is there only when every table before it is whole.
      const datapackage = {
        profile: 'tabular-data-package',
        name: 'hsds-directory',
        title: 'A Hearth region’s directory (HSDS 3.0, Open Referral UK)',
        hsds: { version: '3.0', profile: PROFILE },
        region_id: regionId,
        created: exportedAt,
        resources,
      };
      await zip.add('datapackage.json', `${JSON.stringify(datapackage, null, 2)}\n`);
      zip.end();
    })().catch((err: unknown) => {
      this.logger.warn({ err, regionId }, 'A directory export broke off while it was being sent');
      zip.abort(err instanceof Error ? err : new Error(String(err)));
    });
    return { fileName: `directory-${regionId}-${exportedAt.slice(0, 10)}.zip`, stream: zip.stream };
  }
}
