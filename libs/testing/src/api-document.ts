import { RequestMethod, type INestApplication, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { DECORATORS } from '@nestjs/swagger';

/** One HTTP route a Nest application registered, as its API document would name it. */
export interface HttpRoute {
  /** `GET`, `POST` … */
  method: string;
  /** `/api/v1/tenants/{tenantId}`: parameters in braces, as OpenAPI writes them. */
  path: string;
  /** As Fastify has it: `/api/v1/tenants/:tenantId`. */
  fastifyPath: string;
  /** The module that declares its controller (`WebModule`, `GatewayModule` …). */
  module: string;
  controller: string;
  handler: string;
  /** Left out of the API document on purpose (`@ApiExcludeController`, `@ApiExcludeEndpoint`). */
  hidden: boolean;
  /** Whether the handler reads a body, and the query string (all of it or named parameters). */
  takesBody: boolean;
  takesQuery: boolean;
}

const join = (...parts: string[]) =>
  `/${parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/')}`;

const paramTypes = (controller: Type, handler: string) =>
  Object.keys(
    (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler) ?? {}) as Record<string, unknown>,
  ).map((key) => Number(key.split(':')[0]));

/**
 * Every route the application's controllers declare, read from Nest's routing metadata the way Nest's router
 * reads it when it registers them (Hearth sets no global prefix, versions or module paths). Tests check each
 * against the HTTP server itself (`isRegistered`), so a route this misreads fails there rather than passing.
 */
export function httpRoutesOf(app: INestApplication): HttpRoute[] {
  const scanner = new MetadataScanner();
  const routes = new Map<string, HttpRoute>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      const bases = [Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined].flat();
      const hiddenController = !!Reflect.getMetadata(DECORATORS.API_EXCLUDE_CONTROLLER, controller)?.[0];
      for (const handler of scanner.getAllMethodNames(controller.prototype)) {
        const fn = (controller.prototype as Record<string, unknown>)[handler] as object;
        const paths = Reflect.getMetadata(PATH_METADATA, fn) as string | string[] | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod | undefined;
        if (paths === undefined || method === undefined) continue;
        const hidden =
          hiddenController || !!Reflect.getMetadata(DECORATORS.API_EXCLUDE_ENDPOINT, fn)?.disable;
        const types = paramTypes(controller, handler);
        for (const base of bases)
          for (const path of [paths].flat()) {
            const fastifyPath = join(base ?? '', path);
            const route: HttpRoute = {
              method: RequestMethod[method],
              path: fastifyPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}'),
              fastifyPath,
              module: module.metatype.name,
              controller: controller.name,
              handler,
              hidden,
              takesBody: types.includes(RouteParamtypes.BODY),
              takesQuery: types.includes(RouteParamtypes.QUERY),
            };
            routes.set(`${route.method} ${route.path}`, route);
          }
      }
    }
  }
  return [...routes.values()];
}

/** Whether the application's Fastify server answers this route (so `httpRoutesOf` read it right). */
export function isRegistered(app: INestApplication, route: HttpRoute): boolean {
  const fastify = app.getHttpAdapter().getInstance() as {
    hasRoute(options: { method: string; url: string }): boolean;
  };
  return fastify.hasRoute({ method: route.method, url: route.fastifyPath });
}

interface DocumentedOperation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: { name: string; in: string; schema?: { format?: string } }[];
  requestBody?: unknown;
}

/** The parts of an OpenAPI 3 document (as served, `$ref`s unresolved) these checks read. */
export interface ApiDocument {
  paths: Record<string, Record<string, DocumentedOperation>>;
  tags?: { name: string; description?: string }[];
  components?: { schemas?: Record<string, unknown> };
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const REF = /"\$ref":"#\/components\/schemas\/([^"]+)"/g;
const refsIn = (value: unknown) => [...JSON.stringify(value).matchAll(REF)].map((m) => m[1]);

/**
 * What is wrong with an API document, one line each, against the routes the server registered: an operation
 * without a summary, a description saying who may call it (`whoMayCall`, the heading the descriptions use) or
 * a declared tag; a route not described, or described but not there; path parameters, bodies and queries the
 * document and the handler disagree on; a schema in the components that no operation refers to.
 */
export function apiDocumentProblems(
  document: ApiDocument,
  routes: HttpRoute[],
  options: { whoMayCall: string },
): string[] {
  const problems: string[] = [];
  const declaredTags = new Map((document.tags ?? []).map((t) => [t.name, t.description ?? '']));
  for (const [name, description] of declaredTags)
    if (!description.trim()) problems.push(`tag ${name}: no description`);
  const documented = new Map<string, DocumentedOperation>();
  for (const [path, item] of Object.entries(document.paths))
    for (const [method, op] of Object.entries(item))
      if (METHODS.includes(method)) documented.set(`${method.toUpperCase()} ${path}`, op);

  for (const [name, op] of documented) {
    if (!op.summary?.trim()) problems.push(`${name}: no summary`);
    if (!op.description?.trim()) problems.push(`${name}: no description`);
    else if (!op.description.includes(options.whoMayCall))
      problems.push(`${name}: its description does not say who may call it (${options.whoMayCall})`);
    if (!op.tags?.length) problems.push(`${name}: no tag`);
    for (const tag of op.tags ?? [])
      if (!declaredTags.has(tag)) problems.push(`${name}: tag ${tag} is not one the document declares`);
    const inPath = [...name.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
    const declared = (op.parameters ?? [])
      .filter((p) => p.in === 'path')
      .map((p) => p.name)
      .sort();
    if (inPath.join() !== declared.join())
      problems.push(
        `${name}: path parameters ${declared.join(', ') || 'none'} declared, ${inPath.join(', ')} in the path`,
      );
  }

  const served = new Map(routes.filter((r) => !r.hidden).map((r) => [`${r.method} ${r.path}`, r]));
  for (const [name, route] of served) {
    const op = documented.get(name);
    if (!op) {
      problems.push(`${name} (${route.controller}.${route.handler}): served but not in the document`);
      continue;
    }
    if (route.takesBody !== !!op.requestBody)
      problems.push(
        `${name}: the handler ${route.takesBody ? 'reads' : 'reads no'} body, the document disagrees`,
      );
    const queries = (op.parameters ?? []).filter((p) => p.in === 'query').length;
    if (route.takesQuery !== queries > 0)
      problems.push(
        `${name}: the handler ${route.takesQuery ? 'reads' : 'reads no'} query, the document lists ${queries}`,
      );
  }
  for (const name of documented.keys())
    if (!served.has(name)) problems.push(`${name}: in the document but not a route of this server`);

  const schemas = document.components?.schemas ?? {};
  const reachable = new Set<string>();
  for (let pending = refsIn(document.paths); pending.length > 0;) {
    const next = pending.pop()!;
    if (reachable.has(next)) continue;
    reachable.add(next);
    if (!(next in schemas)) problems.push(`schema ${next}: referred to but missing`);
    else pending.push(...refsIn(schemas[next]));
  }
  for (const name of Object.keys(schemas))
    if (!reachable.has(name)) problems.push(`schema ${name}: in the components but no operation uses it`);
  return problems;
}
