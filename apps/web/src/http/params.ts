import { Param, ParseUUIDPipe } from '@nestjs/common';
import { PageNotFound } from './web-errors';

/** A path id that is not a UUID is a page that does not exist. */
export const uuidParam = (name: string) =>
  Param(name, new ParseUUIDPipe({ exceptionFactory: () => new PageNotFound() }));
