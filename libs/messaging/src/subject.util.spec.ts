import { subjectMatches } from './subject.util';

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
