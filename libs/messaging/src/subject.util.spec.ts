import { prefixed, subjectMatches } from './subject.util';

describe('subjectMatches', () => {
  it.each([
    ['evt.tenants.tenant.onboarded', 'evt.tenants.tenant.onboarded'],
    ['evt.>', 'evt.a'],
    ['evt.>', 'evt.a.b'],
    ['evt.>', 'evt.a.b.c.d'],
    ['>', 'anything'],
    ['>', 'a.b.c'],
    ['evt.*.x', 'evt.a.x'],
    ['evt.*', 'evt.a'],
    ['*.*.x', 'a.b.x'],
    ['evt.*.>', 'evt.a.b'],
  ])('%s matches %s', (filter, subject) => {
    expect(subjectMatches(filter, subject)).toBe(true);
  });

  it.each([
    ['evt.>', 'evt'],
    ['evt.>', 'other.a'],
    ['evt.*.x', 'evt.a.b.x'],
    ['evt.*.x', 'evt.a.y'],
    ['evt.*.x', 'evt.x'],
    ['evt.*', 'evt'],
    ['evt.*', 'evt.a.b'],
    ['evt.a', 'evt.a.b'],
    ['evt.a.b', 'evt.a'],
    ['evt.*.>', 'evt.a'],
    ['evt.tenants.>', 'evt.tenantsx.a'],
  ])('%s does not match %s', (filter, subject) => {
    expect(subjectMatches(filter, subject)).toBe(false);
  });
});

describe('prefixed', () => {
  it('leaves a subject as the contract names it when there is no prefix', () => {
    expect(prefixed('', 'evt.tenants.tenant.onboarded')).toBe('evt.tenants.tenant.onboarded');
  });

  it('puts the prefix in front, separated by a dot', () => {
    expect(prefixed('p', 'evt.tenants.tenant.onboarded')).toBe('p.evt.tenants.tenant.onboarded');
    expect(prefixed('test-1', 'tenants.create')).toBe('test-1.tenants.create');
  });

  it('keeps a prefixed subject matched by a prefixed filter and not by the bare one', () => {
    const subject = prefixed('p', 'evt.a.b');
    expect(subjectMatches(prefixed('p', 'evt.>'), subject)).toBe(true);
    expect(subjectMatches('evt.>', subject)).toBe(false);
  });
});
