import { Param, ParseUUIDPipe } from '@nestjs/common';
import { PageNotFound } from './web-errors';

/** A path id that is not a UUID is a page that does not exist. */
const PAGE_UUID = new ParseUUIDPipe({ exceptionFactory: () => new PageNotFound() });

export const uuidParam = (name: string) => Param(name, PAGE_UUID);

/** The path's id `name`, checked as `uuidParam` checks it (PageNotFound when it is not a UUID). */
export async function pathUuid(params: unknown, name: string): Promise<string> {
  const value = (params as Record<string, string | undefined>)[name] as string;
  return (await PAGE_UUID.transform(value, { type: 'param', data: name })) as string;
}

const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Has the shape of a UUID (a form's hidden id, a key), before the API checks it. */
export const looksLikeUuid = (value: string | undefined): value is string =>
  value !== undefined && UUID_SHAPE.test(value);
