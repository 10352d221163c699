/*
 * The PDF and spreadsheet libraries, loaded when the first PDF or workbook is made, not at start: together some
 * 800 modules (exceljs brings unzipper and jszip, pdfkit brings fontkit) that only a few rare downloads and imports
 * use, and that were a sixth of standalone's cold start (ADR 0093). Node keeps a module once loaded.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
export const pdfKit = (): typeof import('pdfkit') => require('pdfkit') as typeof import('pdfkit');

export const excelJs = (): typeof import('exceljs') => require('exceljs') as typeof import('exceljs');
/* eslint-enable @typescript-eslint/no-require-imports */
