import { apiDocumentProblems, type ApiDocument, type HttpRoute } from './api-document';

const WHO = '**Who may call it:**';

const route = (method: string, path: string, more: Partial<HttpRoute> = {}): HttpRoute => ({
  method,
  path,
  fastifyPath: path.replace(/\{([^}]+)\}/g, ':$1'),
  module: 'GatewayModule',
  controller: 'ThingsController',
  handler: 'handle',
  hidden: false,
  takesBody: false,
  takesQuery: false,
  ...more,
});

const described = { summary: 'A thing', description: `What it does.\n\n${WHO} anyone.`, tags: ['things'] };

const documentOf = (paths: ApiDocument['paths'], schemas: Record<string, unknown> = {}): ApiDocument => ({
  paths,
  tags: [{ name: 'things', description: 'Things.' }],
  components: { schemas },
});

describe('apiDocumentProblems', () => {
  it('finds nothing wrong with a document that describes exactly the routes served', () => {
    const document = documentOf(
      {
        '/things/{id}': {
          get: { ...described, parameters: [{ name: 'id', in: 'path' }] },
          patch: {
            ...described,
            parameters: [{ name: 'id', in: 'path' }],
            requestBody: {
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
            },
          },
        },
      },
      { Thing: { type: 'object', properties: { part: { $ref: '#/components/schemas/Part' } } }, Part: {} },
    );
    const routes = [
      route('GET', '/things/{id}'),
      route('PATCH', '/things/{id}', { takesBody: true }),
      route('GET', '/pages/{id}', { hidden: true, module: 'WebModule' }),
    ];
    expect(apiDocumentProblems(document, routes, { whoMayCall: WHO })).toEqual([]);
  });

  it('names each operation missing a summary, a description saying who may call it, or a declared tag', () => {
    const document = documentOf({
      '/a': { get: { description: 'No heading.', tags: ['things'] } },
      '/b': { get: { summary: 'B', description: `${WHO} anyone.`, tags: [] } },
      '/c': { get: { summary: 'C', tags: ['unheard-of'] } },
    });
    const routes = ['/a', '/b', '/c'].map((p) => route('GET', p));
    expect(apiDocumentProblems(document, routes, { whoMayCall: WHO })).toEqual([
      'GET /a: no summary',
      `GET /a: its description does not say who may call it (${WHO})`,
      'GET /b: no tag',
      'GET /c: no description',
      'GET /c: tag unheard-of is not one the document declares',
    ]);
  });

  it('names routes served but not described, described but not served, and what they disagree on', () => {
    const document = documentOf(
      {
        '/things/{id}': { get: { ...described, requestBody: {}, parameters: [{ name: 'id', in: 'query' }] } },
        '/gone': { delete: described },
      },
      { EnvSchema: { type: 'object' } },
    );
    const routes = [route('GET', '/things/{id}', { takesQuery: false }), route('POST', '/new')];
    expect(apiDocumentProblems(document, routes, { whoMayCall: WHO })).toEqual([
      'GET /things/{id}: path parameters none declared, id in the path',
      'GET /things/{id}: the handler reads no body, the document disagrees',
      'GET /things/{id}: the handler reads no query, the document lists 1',
      'POST /new (ThingsController.handle): served but not in the document',
      'DELETE /gone: in the document but not a route of this server',
      'schema EnvSchema: in the components but no operation uses it',
    ]);
  });

  it('names a schema referred to that the components lack', () => {
    const document = documentOf({
      '/things': { post: { ...described, requestBody: { $ref: '#/components/schemas/Object' } } },
    });
    expect(
      apiDocumentProblems(document, [route('POST', '/things', { takesBody: true })], { whoMayCall: WHO }),
    ).toEqual(['schema Object: referred to but missing']);
  });
});
