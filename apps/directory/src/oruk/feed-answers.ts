import type { RegionId } from '@hearth/persistence';

/** How many of the feed's answers the directory keeps, unless configured (ADR 0047). */
export const DEFAULT_FEED_CACHE_SIZE = 256;

/** What an answer was made from: the day and the versions of the region's data (`OrukRepository.versionOf`). */
type VersionOf = (regionId: RegionId) => Promise<string>;

/**
 * The feed's answers kept, each with the version of the region's data it was made from (ADR 0047). Before each
 * answer, one indexed read gives the version now; a kept answer of the same request and version is given again,
 * any other is made afresh. A change committed to what a region's feed shows moves its version on in the same
 * transaction (the `feed_changed` triggers), so an answer given is never older than the data committed before it
 * was asked for — in every replica, with no message between them.
 *
 * - The version is read before the answer is made: an answer made from rows newer than its version is only made
 *   again next time, never kept past a change.
 * - At most `size` answers (the least recently asked let go first); 0 keeps none (every answer made afresh).
 * - Errors are never kept. Answers are given as they were kept: nothing may change them (the transports copy).
 */
export class FeedAnswers {
  private readonly kept = new Map<string, { version: string; answer: unknown }>();

  constructor(
    private readonly versionOf: VersionOf,
    private readonly size: number,
  ) {}

  async answer<T>(regionId: RegionId, request: object, make: () => Promise<T>): Promise<T> {
    if (this.size <= 0) return make();
    const key = `${regionId} ${JSON.stringify(request)}`;
    const version = await this.versionOf(regionId);
    const hit = this.kept.get(key);
    if (hit) this.kept.delete(key);
    if (hit?.version === version) {
      this.kept.set(key, hit);
      return hit.answer as T;
    }
    const answer = await make();
    this.kept.delete(key);
    if (this.kept.size >= this.size) this.kept.delete(this.kept.keys().next().value as string);
    this.kept.set(key, { version, answer });
    return answer;
  }

  /** How many answers are kept now (tests). */
  get count(): number {
    return this.kept.size;
  }
}
