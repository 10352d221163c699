import { testRegionId } from '@hearth/testing';
import { FeedAnswers } from './feed-answers';

const north = testRegionId('0195f3a0-0000-7000-8000-000000000001');
const south = testRegionId('0195f3a0-0000-7000-8000-000000000002');

/** Answers kept over versions this test moves by hand; `made` counts the answers made afresh. */
function feed(size: number) {
  const versions = new Map<string, number>();
  let made = 0;
  const answers = new FeedAnswers(async (r) => `v${versions.get(r) ?? 0}`, size);
  const ask = (region = north, request: object = { resource: 'services', search: 'debt' }) =>
    answers.answer(region, request, async () => ({ made: ++made }));
  return {
    answers,
    ask,
    move: (region = north) => versions.set(region, (versions.get(region) ?? 0) + 1),
    made: () => made,
  };
}

describe('FeedAnswers', () => {
  it('gives a kept answer again while its region’s version is the same, and makes it afresh once it moved', async () => {
    const f = feed(10);
    expect(await f.ask()).toEqual({ made: 1 });
    expect(await f.ask()).toEqual({ made: 1 });
    f.move(south);
    expect(await f.ask()).toEqual({ made: 1 });
    f.move();
    expect(await f.ask()).toEqual({ made: 2 });
    expect(await f.ask()).toEqual({ made: 2 });
  });

  it('keeps an answer per region and per request', async () => {
    const f = feed(10);
    await f.ask(north);
    await f.ask(south);
    await f.ask(north, { resource: 'services', search: 'food' });
    await f.ask(north, { resource: 'services', search: 'debt', page: 2 });
    expect(f.made()).toBe(4);
    await f.ask(south);
    expect(f.made()).toBe(4);
  });

  it('keeps at most `size`, letting go the least recently asked first', async () => {
    const f = feed(2);
    const a = { search: 'a' };
    const b = { search: 'b' };
    const c = { search: 'c' };
    await f.ask(north, a);
    await f.ask(north, b);
    await f.ask(north, a); // a is now the most recently asked
    await f.ask(north, c); // b goes
    expect(f.answers.count).toBe(2);
    expect(f.made()).toBe(3);
    await f.ask(north, a);
    expect(f.made()).toBe(3);
    await f.ask(north, b);
    expect(f.made()).toBe(4);
  });

  it('keeps nothing with size 0, and never an error', async () => {
    const none = feed(0);
    await none.ask();
    await none.ask();
    expect(none.made()).toBe(2);
    expect(none.answers.count).toBe(0);

    const answers = new FeedAnswers(async () => 'v', 10);
    let calls = 0;
    const failing = () =>
      answers.answer(north, {}, async () => {
        calls++;
        throw new Error('no');
      });
    await expect(failing()).rejects.toThrow('no');
    await expect(failing()).rejects.toThrow('no');
    expect(calls).toBe(2);
    expect(answers.count).toBe(0);
  });

  it('reads the version before making the answer, so an answer is never kept under a later version', async () => {
    let version = 1;
    const answers = new FeedAnswers(async () => `v${version}`, 10);
    // The data changes while the answer is being made: it is kept under the version read first …
    expect(await answers.answer(north, {}, async () => (version++, 'made at 1, data of 2'))).toBe(
      'made at 1, data of 2',
    );
    // … so the next question (version 2 now) makes it again rather than trust it.
    expect(await answers.answer(north, {}, async () => 'made at 2')).toBe('made at 2');
    expect(await answers.answer(north, {}, async () => 'not made')).toBe('made at 2');
  });
});
