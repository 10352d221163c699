import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { HSDS_TABLES } from '@hearth/contracts';
import { eventually, withClient, type ApiClient } from '@hearth/testing';
import { startDistributedHearth, type DistributedHearth } from './hearth.harness';
import { directoryCast, type DirectoryCast, type Matrix } from './directory-cast';

/*
 * What the directory's import and export tests share (ADR 0041): a Hearth whose imports may fetch this machine's
 * loopback (the feeds the tests serve), the directory's cast (directory-cast.ts), the reference examples of Open
 * Referral UK 3.0 and its schemas.
 */

export type Json = Record<string, unknown>;

const REFERENCE = join(__dirname, '../../directory/test/test-data/oruk-3.0');
export const example = (file: string) =>
  JSON.parse(readFileSync(join(REFERENCE, 'examples', file), 'utf8')) as Json;

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const schema = (file: string) =>
  ajv.compile(JSON.parse(readFileSync(join(REFERENCE, 'schema', file), 'utf8')) as object);
const SERVICE = schema('compiled/service.json');

/** An HSDS service as `/services/{id}` answers it: valid against the published schema, or the errors. */
export function schemaErrors(service: unknown) {
  return SERVICE(service) ? [] : SERVICE.errors;
}

/** Who may do it: the region's admins and directory curators (`ok`); its commissioners read or are refused. */
export const curating = (ok: number, commissionerReads = false): Matrix => ({
  'platform admin': 404,
  'region admin': ok,
  'directory curator': ok,
  commissioner: commissionerReads ? ok : 403,
  'tenant-admin': 404,
  coordinator: 404,
  volunteer: 404,
  member: 404,
  'another LERO’s admin': 404,
  'another region’s admin': 404,
  'another region’s curator': 404,
  anonymous: 401,
});

export interface TransferWorld {
  h: DistributedHearth;
  /** The region (`cast.region`) and another (`cast.elsewhere`, empty until a test imports into it). */
  cast: DirectoryCast;
}

/** A Hearth whose imports may fetch this machine's loopback (the feeds the tests serve), and the directory's cast. */
export async function startTransferWorld(): Promise<TransferWorld> {
  const h = await startDistributedHearth({ directory: { importAllowLoopback: true } });
  return { h, cast: await directoryCast(h) };
}

const EXAMPLE_SERVICE = example('service_full.json');
const ORGANIZATION = example('organization_full.json');
const TERM = example('taxonomy_term.json');
/** What the council's feed answers at `/organizations/{id}` and `/taxonomy_terms/{id}`. */
export const NAMED = { organizations: [ORGANIZATION], taxonomy_terms: [TERM] };

/**
 * The reference examples as a council's feed: the example service as it is; one naming its organisation and its
 * category only by id (the feed's `/organizations/{id}` and `/taxonomy_terms/{id}` have them); one offered at the
 * same place; one that is defunct; and one without a name, which cannot be taken.
 */
export const councilFeed = (): Json[] => [
  EXAMPLE_SERVICE,
  {
    ...EXAMPLE_SERVICE,
    id: 'fh-2',
    name: 'Family Hub drop-in',
    organization: undefined,
    organization_id: ORGANIZATION.id,
    attributes: [{ id: 'a-2', taxonomy_term_id: TERM.id }],
  },
  { ...EXAMPLE_SERVICE, id: 'fh-3', name: 'Youth club' },
  { ...EXAMPLE_SERVICE, id: 'fh-4', name: 'Holiday activities', status: 'defunct' },
  { id: 'fh-5', description: 'A service without a name', organization: EXAMPLE_SERVICE.organization },
];

/** Every row of the directory's tables, the change log and the outbox: what a re-import must not touch. */
export const fingerprint = (world: TransferWorld) =>
  withClient(world.h.db.ownerUrl, async (c) => {
    const tables = [...HSDS_TABLES, 'metadata', 'suggestions', 'outbox'];
    const counts: Record<string, unknown> = {};
    // Every row's every column, except the outbox's (the relay marks its rows sent, whenever it does).
    for (const t of tables)
      counts[t] = (
        await c.query(
          t === 'outbox'
            ? `select count(*)::int as n from directory.outbox`
            : `select count(*)::int as n, md5(string_agg(x::text, '' order by x::text)) as h from directory.${t} x`,
        )
      ).rows[0];
    return counts;
  });

/** Starts an import and waits for its end: the finished import. */
export async function imported(api: ApiClient, regionId: string, body: Json): Promise<Json> {
  const started = await api.post<Json>(`/api/v1/regions/${regionId}/directory/imports`, body);
  expect([started.status, started.body.status]).toEqual([202, 'running']);
  return finished(api, regionId, started.body.id as string);
}

export async function finished(api: ApiClient, regionId: string, importId: string): Promise<Json> {
  return eventually(
    async () => {
      const view = (await api.get<Json>(`/api/v1/regions/${regionId}/directory/imports/${importId}`)).body;
      expect(view.status).not.toBe('running');
      return view;
    },
    { timeoutMs: 30_000, intervalMs: 100 },
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A feed's answer with its ids made comparable across regions: each UUID becomes the order it first appears in
 * (the same structure gives the same names), and `last_modified` (when it was written here) is left out.
 */
export function comparable(value: unknown, names = new Map<string, string>()): unknown {
  if (Array.isArray(value)) return value.map((v) => comparable(v, names));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k !== 'last_modified')
        .map(([k, v]) => [k, comparable(v, names)]),
    );
  if (typeof value === 'string' && UUID.test(value)) {
    if (!names.has(value)) names.set(value, `#${names.size + 1}`);
    return names.get(value);
  }
  return value;
}
