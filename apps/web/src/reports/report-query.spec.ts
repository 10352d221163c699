import { periodName, readPeriodInput, readReportForm, spanInWords } from './report-query';

// 15 November 2026, noon in London.
const now = new Date('2026-11-15T12:00:00Z');
const region = (query: Record<string, unknown>) =>
  readReportForm(query, { breakdowns: ['lero', 'category'] as const, defaultBy: 'lero', now });

describe('readPeriodInput', () => {
  it.each([
    ['2026-04', 2026 * 12 + 3, 1],
    ['2026-4', 2026 * 12 + 3, 1],
    ['04/2026', 2026 * 12 + 3, 1],
    ['April 2026', 2026 * 12 + 3, 1],
    ['apr 2026', 2026 * 12 + 3, 1],
    ['2026-Q2', 2026 * 12 + 3, 3],
    ['2026 q2', 2026 * 12 + 3, 3],
    ['Q2 2026', 2026 * 12 + 3, 3],
    ['2026', 2026 * 12, 12],
  ])('reads %s', (text, first, size) => expect(readPeriodInput(text)).toEqual({ first, size }));

  it.each(['', '2026-13', '2026-00', '2026-Q5', 'ap 2026', 'next year', '2026-04-01'])('refuses %j', (text) =>
    expect(readPeriodInput(text)).toBeUndefined(),
  );
});

describe('readReportForm', () => {
  it('asks for the last six months by LERO when nothing was asked yet', () => {
    const form = region({});
    expect(form.errors.ok).toBe(true);
    expect(form.range).toEqual({ period: 'month', from: '2026-06', to: '2026-11' });
    expect(form.values).toMatchObject({ period: 'month', from: '2026-06', to: '2026-11', by: 'lero' });
    expect(form.metric).toBe('attendances');
  });

  it('widens what was typed to the whole periods it falls in, so switching period keeps the range', () => {
    const quarters = region({ period: 'quarter', from: '2026-06', to: '2026-11', by: 'category' });
    expect(quarters.range).toEqual({ period: 'quarter', from: '2026-04', to: '2026-12' });
    expect(quarters.values).toMatchObject({ from: '2026-Q2', to: '2026-Q4', by: 'category' });
    expect(quarters.by).toBe('category');
    const years = region({ period: 'year', from: '2026-Q2', to: '2026-Q4' });
    expect(years.range).toEqual({ period: 'year', from: '2026-01', to: '2026-12' });
    expect(years.values).toMatchObject({ from: '2026', to: '2026' });
  });

  it('stops a coarser "to" at the current period, but leaves a future one for the API to refuse', () => {
    expect(region({ period: 'month', from: '2026', to: '2026' }).range).toEqual({
      period: 'month',
      from: '2026-01',
      to: '2026-11',
    });
    expect(region({ period: 'month', from: '2026-12', to: '2026-12' }).range?.to).toBe('2026-12');
    expect(region({ period: 'month', from: '2026', to: '2027' }).range?.to).toBe('2027-12');
  });

  it('names each field that is missing or cannot be read, in the page’s order', () => {
    const form = region({ period: 'week', from: '', to: 'soon', by: 'person', metric: 'hugs' });
    expect(form.range).toBeUndefined();
    expect(form.errors.view(['period', 'from', 'to', 'by', 'metric']).summary).toEqual([
      { text: 'Select months, quarters or years', href: '#period' },
      {
        text: 'Enter the first period, as a month like 2026-04, a quarter like 2026-Q2 or a year like 2026',
        href: '#from',
      },
      {
        text: 'The last period must be a month like 2026-04, a quarter like 2026-Q2 or a year like 2026',
        href: '#to',
      },
      { text: 'Select how to break the figures down', href: '#by' },
      { text: 'Select what the chart shows', href: '#metric' },
    ]);
    // What was typed is shown back as it was.
    expect(form.values).toMatchObject({ period: 'week', from: '', to: 'soon' });
  });

  it('refuses a range that ends before it starts', () => {
    const form = region({ period: 'month', from: '2026-05', to: '2026-03' });
    expect(form.range).toBeUndefined();
    expect(form.errors.view().summary).toEqual([
      { text: 'The last period must be the same as or after the first', href: '#to' },
    ]);
  });
});

describe('periods in words', () => {
  it.each([
    ['2026-11', 'November 2026'],
    ['2026-Q4', 'October to December 2026'],
    ['2026', '2026'],
  ])('names %s as %s', (label, name) => expect(periodName(label)).toBe(name));

  it('names a report’s span of periods', () => {
    expect(spanInWords({ period: 'month', from: '2026-06', to: '2026-11' })).toBe(
      'June 2026 to November 2026',
    );
    expect(spanInWords({ period: 'quarter', from: '2026-04', to: '2026-12' })).toBe('Q2 2026 to Q4 2026');
    expect(spanInWords({ period: 'year', from: '2026-01', to: '2026-12' })).toBe('2026');
  });
});
