import { notFound, type PublicRegionView, type RequestContext } from '@hearth/contracts';
import { RegionSlugs } from './region-slugs';

const ctx = {} as RequestContext;

/** A tenants service of regions by slug, counting what it is asked; `clock` is the cache's time. */
function tenants() {
  const regions = new Map<string, PublicRegionView>();
  const asked: string[] = [];
  let failing = false;
  let gate: Promise<void> = Promise.resolve();
  const lookup = async (_: RequestContext, slug: string) => {
    asked.push(slug);
    await gate;
    if (failing) throw new Error('tenants is away');
    const region = regions.get(slug);
    if (!region) throw notFound('Region');
    return { ...region };
  };
  return {
    regions,
    asked,
    lookup,
    fail: (yes: boolean) => (failing = yes),
    hold: () => {
      let open!: () => void;
      gate = new Promise((resolve) => (open = resolve));
      return () => open();
    },
  };
}

describe('the regions of the feed’s slugs (ADR 0046)', () => {
  const leeds = { id: '0190f000-0000-7000-8000-00000000aaaa', name: 'Leeds', slug: 'leeds' };
  let t: ReturnType<typeof tenants>;
  let now: number;
  let slugs: RegionSlugs;

  beforeEach(() => {
    t = tenants();
    now = 1_000_000;
    slugs = new RegionSlugs(t.lookup, 30_000, () => now);
  });

  it('asks the tenants service once within its time, and again once that has passed', async () => {
    t.regions.set('leeds', leeds);
    expect(await slugs.region(ctx, 'leeds')).toEqual(leeds);
    now += 29_999;
    expect(await slugs.region(ctx, 'leeds')).toEqual(leeds);
    expect(t.asked).toEqual(['leeds']);
    now += 1;
    expect(await slugs.region(ctx, 'leeds')).toEqual(leeds);
    expect(t.asked).toEqual(['leeds', 'leeds']);
  });

  it('never remembers a slug that is no region’s: a new region answers at once', async () => {
    await expect(slugs.region(ctx, 'leeds')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    t.regions.set('leeds', leeds);
    expect(await slugs.region(ctx, 'leeds')).toEqual(leeds);
    expect(t.asked).toEqual(['leeds', 'leeds']);
  });

  it('never remembers a failed lookup', async () => {
    t.regions.set('leeds', leeds);
    t.fail(true);
    await expect(slugs.region(ctx, 'leeds')).rejects.toThrow('tenants is away');
    t.fail(false);
    expect(await slugs.region(ctx, 'leeds')).toEqual(leeds);
    expect(t.asked).toHaveLength(2);
  });

  it('answers a changed slug at once and stops answering the old one within its time', async () => {
    t.regions.set('leeds', leeds);
    await slugs.region(ctx, 'leeds');
    t.regions.delete('leeds');
    t.regions.set('west-yorkshire', { ...leeds, slug: 'west-yorkshire' });
    expect((await slugs.region(ctx, 'west-yorkshire')).id).toBe(leeds.id);
    now += 30_000;
    await expect(slugs.region(ctx, 'leeds')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('asks once for the same slug asked at the same time', async () => {
    t.regions.set('leeds', leeds);
    const open = t.hold();
    const answers = Promise.all([1, 2, 3].map(() => slugs.region(ctx, 'leeds')));
    open();
    expect(await answers).toEqual([leeds, leeds, leeds]);
    expect(t.asked).toEqual(['leeds']);
  });

  it('remembers nothing with a time of 0', async () => {
    slugs = new RegionSlugs(t.lookup, 0, () => now);
    t.regions.set('leeds', leeds);
    await slugs.region(ctx, 'leeds');
    await slugs.region(ctx, 'leeds');
    expect(t.asked).toEqual(['leeds', 'leeds']);
  });
});
