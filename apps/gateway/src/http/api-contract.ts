import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiQuery } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { targetConstructorToSchema, validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { LOCAL_DATE_TIME_SCHEMA } from '@hearth/contracts';

type SchemaObject = { properties?: Record<string, object>; required?: string[] };

/**
 * Every contract class as a JSON schema. `@Type` decides a nested field's class (a `LocationDto | null` field
 * reflects as `Object`), and Hearth's own validators say what they accept.
 */
const SCHEMA_OPTIONS = {
  refPointerPrefix: '#/components/schemas/',
  classTransformerMetadataStorage: defaultMetadataStorage,
  additionalConverters: {
    isLocalDateTime: LOCAL_DATE_TIME_SCHEMA,
    isLatitude: { type: 'number' as const, minimum: -90, maximum: 90 },
    isLongitude: { type: 'number' as const, minimum: -180, maximum: 180 },
    isUkPostcode: { type: 'string' as const, maxLength: 16, example: 'LS1 4AP' },
  },
};

function contractSchemas(): Record<string, SchemaObject> {
  return validationMetadatasToSchemas(SCHEMA_OPTIONS) as Record<string, SchemaObject>;
}

/** The request body's schema in OpenAPI comes from the same class-validator contract that validates it. */
export const ApiContractBody = (cls: new () => object) =>
  ApiBody({ schema: { $ref: `#/components/schemas/${cls.name}` } });

/**
 * Query parameters documented from a contract class: each of its fields (or those of `only`, when a route takes
 * some of them), with the schema of its rules (so a client, or the fuzzer, knows that `period` is one of month,
 * quarter, year).
 */
export const ApiContractQuery = (cls: new () => object, only?: readonly string[]) => {
  const schema = targetConstructorToSchema(cls, SCHEMA_OPTIONS) as SchemaObject;
  if (!schema?.properties) throw new Error(`${cls.name} is not a contract class with fields`);
  const missing = only?.filter((name) => !schema.properties?.[name]);
  if (missing?.length) throw new Error(`${cls.name} has no fields ${missing.join(', ')}`);
  return applyDecorators(
    ...Object.entries(schema.properties)
      .filter(([name]) => !only || only.includes(name))
      .map(([name, property]) =>
        ApiQuery({ name, required: schema.required?.includes(name) ?? false, schema: property }),
      ),
  );
};

const REF = /"\$ref":"#\/components\/schemas\/([^"]+)"/g;

/**
 * Adds the JSON schema of every contract class the document refers to (and those they refer to) to its
 * components. Other class-validator classes (each app's environment) are not the API and stay out.
 */
export function withContractSchemas(document: OpenAPIObject): OpenAPIObject {
  const all = contractSchemas();
  const schemas: Record<string, SchemaObject> = {};
  const pending = [...JSON.stringify(document.paths).matchAll(REF)].map((m) => m[1]);
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (schemas[name] || !all[name]) continue;
    schemas[name] = all[name];
    pending.push(...[...JSON.stringify(all[name]).matchAll(REF)].map((m) => m[1]));
  }
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...schemas } as never,
  };
  return document;
}
