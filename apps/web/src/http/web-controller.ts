import { Controller, UseFilters, applyDecorators } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@hearth/platform';
import { WebErrorFilter } from './web-error.filter';

/**
 * A controller of pages. `@Public()` because pages use the session cookie, not the API's bearer token (in
 * standalone the gateway's global JWT guard would otherwise refuse them); the filter renders HTML errors
 * ahead of any global problem+json filter. Pages are not the API: standalone's OpenAPI document leaves them out.
 */
export const WebController = (path: string | string[] = '') =>
  applyDecorators(Controller(path), Public(), UseFilters(WebErrorFilter), ApiExcludeController());
