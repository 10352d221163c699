import { Controller, UseFilters, applyDecorators } from '@nestjs/common';
import { Public } from '@hearth/platform';
import { WebErrorFilter } from './web-error.filter';

/**
 * A controller of pages. `@Public()` because pages use the session cookie, not the API's bearer token (in
 * standalone the gateway's global JWT guard would otherwise refuse them); the filter renders HTML errors
 * ahead of any global problem+json filter.
 */
export const WebController = (path: string | string[] = '') =>
  applyDecorators(Controller(path), Public(), UseFilters(WebErrorFilter));
