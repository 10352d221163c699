import type { FuzzOperation } from './fuzz-operation';
import type { JsonSchema } from './schema-arbitraries.util';

interface OpenApiParameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: JsonSchema;
}

interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { description?: string; content?: Record<string, { schema?: JsonSchema }> };
  security?: Record<string, string[]>[];
  description?: string;
}

/** An OpenAPI 3 document with its `$ref`s resolved (SwaggerParser.dereference). */
export interface OpenApiDocument {
  info: { title: string };
  paths: Record<string, Record<string, OpenApiOperation>>;
  security?: Record<string, string[]>[];
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** A CSV body's header row, as the body's description spells it (`` `displayName,email` ``); else one column. */
const csvHeader = (description: string) =>
  /`([A-Za-z]+(?:,[A-Za-z]+)+)`/.exec(description)?.[1].split(',')[0] ?? 'displayName';

/** Every operation of the API document, as the fuzzer sees it: parameters, body schema, whether it is secured. */
export function apiOperations(document: OpenApiDocument): FuzzOperation[] {
  return Object.entries(document.paths).flatMap(([template, operations]) =>
    Object.entries(operations)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]): FuzzOperation => {
        const parameters = op.parameters ?? [];
        const content = op.requestBody?.content ?? {};
        const json = content['application/json']?.schema;
        return {
          audience: 'api',
          method: method.toUpperCase(),
          template,
          // From the path itself: a parameter the document forgot to declare is fuzzed all the same.
          pathParams: [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]),
          query: parameters
            .filter((p) => p.in === 'query')
            .map((p) => ({
              name: p.name,
              required: p.required ?? false,
              schema: p.schema ?? { type: 'string' },
            })),
          body: json
            ? { type: 'json', schema: json }
            : content['text/csv']
              ? { type: 'csv', header: csvHeader(op.requestBody?.description ?? op.description ?? '') }
              : undefined,
          secured: (op.security ?? document.security ?? []).length > 0,
        };
      }),
  );
}
