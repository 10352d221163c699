import type { MemberSheetFormat } from '@hearth/contracts';

/** A file from the API, its body not yet read. */
export interface ApiFile {
  contentType: string;
  disposition: string;
  body: ReadableStream<Uint8Array>;
}

/** A spreadsheet to import: its bytes and whether it is CSV or an Excel workbook. */
export interface SheetFile {
  format: MemberSheetFormat;
  data: Uint8Array;
}

export const SHEET_TYPES: Record<MemberSheetFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Who a call is made for: the person's access token, their address (rate limits) and the request id (logs). */
export interface CallContext {
  accessToken?: string;
  clientIp?: string;
  requestId?: string;
}
