import SwaggerParser from '@apidevtools/swagger-parser';
import { startDistributedHearth, type DistributedHearth } from './hearth.harness';

type Json = Record<string, unknown>;
interface Operation {
  parameters?: { name: string; in: string; required?: boolean; schema?: Json }[];
}

/** The input policy at the edge (ADR 0017): every bad input a clear 4xx problem+json, never a 500. */
describe('input policy', () => {
  let h: DistributedHearth;

  beforeAll(async () => {
    h = await startDistributedHearth();
  });

  afterAll(async () => {
    await h?.close();
  });

  describe('the API document', () => {
    it('is valid OpenAPI (the fuzzer is generated from it), every query parameter with its schema', async () => {
      const doc = (
        await h.api.get<Json & { paths: Record<string, Record<string, Operation>> }>('/docs/openapi.json')
      ).body;
      await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
      const query = Object.values(doc.paths)
        .flatMap((ops) => Object.values(ops))
        .flatMap((op) => op.parameters ?? [])
        .filter((p) => p.in === 'query');
      expect(query.length).toBeGreaterThan(20);
      for (const p of query) expect(Object.keys(p.schema ?? {})).not.toHaveLength(0);
      const members = doc.paths['/api/v1/tenants/{tenantId}/members'].get.parameters ?? [];
      expect(members.find((p) => p.name === 'status')?.schema).toMatchObject({ enum: ['active', 'left'] });
      // A nullable nested field (`location: LocationDto | null`) refers to its class, not to `Object`.
      expect(JSON.stringify(doc)).not.toContain('#/components/schemas/Object');
    });
  });
});
