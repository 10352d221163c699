import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiQuery } from '@nestjs/swagger';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import type { OpenAPIObject } from '@nestjs/swagger';

/** The request body's schema in OpenAPI comes from the same class-validator contract that validates it. */
export const ApiContractBody = (cls: new () => object) =>
  ApiBody({ schema: { $ref: `#/components/schemas/${cls.name}` } });

/** Query parameters documented from a contract class (names only; the schema holds the rules). */
export const ApiContractQuery = (...names: string[]) =>
  applyDecorators(...names.map((name) => ApiQuery({ name, required: false })));

/** Adds every contract class's JSON schema to the document's components. */
export function withContractSchemas(document: OpenAPIObject): OpenAPIObject {
  const schemas = validationMetadatasToSchemas({ refPointerPrefix: '#/components/schemas/' });
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...schemas } as never,
  };
  return document;
}
