import type { FastifyReply } from 'fastify';
import { ApiError } from '../api/api-error';
import type { Pages, WebRequest } from '../http/pages';
import { REPORT_FIELDS, REPORT_LABELS, type ReportForm, type ReportRange } from './report-query';

const PERIOD_NAMES = { month: 'Months', quarter: 'Quarters', year: 'Years' };

/** Radio or select items for a choice of the report form, the current one checked. */
export function reportOptions(
  names: Record<string, string>,
  current: string,
  order: readonly string[] = Object.keys(names),
) {
  return order.map((value) => ({
    value,
    text: names[value],
    checked: value === current,
    selected: value === current,
  }));
}

/**
 * A report page, regional or a LERO's own: the form with its errors (the API's field errors, such as a
 * period that has not begun, put on the form's fields), then the report when there is one.
 */
export async function renderReportPage<R>(
  pages: Pages,
  req: WebRequest,
  reply: FastifyReply,
  template: string,
  asked: ReportForm<string>,
  parts: {
    /** What the page shows whatever was asked: the place, the form's action and choices. */
    page: Record<string, unknown>;
    load(range: ReportRange): Promise<R>;
    /** What the page shows of a report. */
    show(report: R): Record<string, unknown>;
  },
): Promise<void> {
  let report: R | undefined;
  if (asked.range) {
    try {
      report = await parts.load(asked.range);
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 400) throw err;
      asked.errors.fromApi(err, REPORT_LABELS, 'from');
    }
  }
  const errors = asked.errors.view(REPORT_FIELDS);
  await pages.render(
    req,
    reply,
    template,
    {
      ...parts.page,
      values: asked.values,
      periods: reportOptions(PERIOD_NAMES, asked.values.period),
      errors,
      ...(report ? parts.show(report) : {}),
    },
    errors.summary.length ? 400 : 200,
  );
}
