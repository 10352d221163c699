import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { WebModule } from '../../../web/src/web.module';
import type { FuzzOperation } from './fuzz-operation';

const METHODS: Partial<Record<RequestMethod, string>> = {
  [RequestMethod.GET]: 'GET',
  [RequestMethod.POST]: 'POST',
  [RequestMethod.PUT]: 'PUT',
  [RequestMethod.DELETE]: 'DELETE',
  [RequestMethod.PATCH]: 'PATCH',
};

const join = (...parts: string[]) =>
  `/${parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/')}`;

/**
 * The web app's pages, read from its own route table (the controllers `WebModule` mounts and their Nest
 * routing metadata), so a page added later is fuzzed without anyone listing it. `@Query('name')` parameters
 * are listed; handlers that read the whole query get theirs from the forms on their page.
 */
export function webOperations(): FuzzOperation[] {
  const controllers =
    WebModule.register({ apiUrl: 'http://127.0.0.1', sessionKey: Buffer.alloc(32) }).controllers ?? [];
  const operations: FuzzOperation[] = [];
  for (const controller of controllers) {
    const bases = [Reflect.getMetadata(PATH_METADATA, controller) as string | string[]].flat();
    const prototype = controller.prototype as Record<string, unknown>;
    // A controller may serve another's handlers at its own path (a region's pages extending a LERO's): walk the
    // prototype chain, each handler once.
    const handlers = new Set<string>();
    for (
      let p = prototype;
      p && p !== Object.prototype;
      p = Object.getPrototypeOf(p) as Record<string, unknown>
    )
      for (const name of Object.getOwnPropertyNames(p)) handlers.add(name);
    for (const handler of handlers) {
      const fn = prototype[handler];
      if (typeof fn !== 'function' || handler === 'constructor') continue;
      const method = METHODS[Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod];
      const paths = Reflect.getMetadata(PATH_METADATA, fn) as string | string[] | undefined;
      if (!method || paths === undefined) continue;
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler) ?? {}) as Record<
        string,
        { data?: unknown }
      >;
      const query = Object.entries(args)
        .filter(([key, arg]) => key.startsWith(`${RouteParamtypes.QUERY}:`) && typeof arg.data === 'string')
        .map(([, arg]) => ({ name: arg.data as string, required: false, schema: { type: 'string' } }));
      for (const base of bases) {
        for (const path of [paths].flat()) {
          const template = join(base ?? '', path).replace(/:([A-Za-z]+)/g, '{$1}');
          operations.push({
            audience: 'page',
            method,
            template,
            pathParams: [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]),
            query,
            body: method === 'GET' ? undefined : { type: 'form' },
            secured: false,
          });
        }
      }
    }
  }
  return operations;
}
