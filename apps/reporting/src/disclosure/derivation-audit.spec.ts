import { firstDerivable } from './derivation-audit';

// Leaves are `lero|category|month`; cells are the leaves they sum.
const cell = (published: boolean, ...leaves: string[]) => ({ published, leaves });

describe('the derivation audit', () => {
  it('finds a small figure worked out by combining several lines: a year minus a month minus two rows', () => {
    // Totals of the year and of December, and two rows of August: February's figure of A is what is left.
    const cells = [
      cell(true, 'a||02', 'a||08', 'a||12', 'b||08', 'b||12'),
      cell(true, 'a||12', 'b||12'),
      cell(true, 'a||08'),
      cell(true, 'b||08'),
      cell(false, 'a||02'),
    ];
    expect(firstDerivable(cells, [{ what: 'A in February', leaves: ['a||02'] }])).toEqual({
      target: { what: 'A in February', leaves: ['a||02'] },
      insider: undefined,
    });
    // Without the December total nobody can: the year also holds December's unknown figures.
    expect(firstDerivable(cells.slice(0, 1).concat(cells.slice(2)), [{ what: 'A', leaves: ['a||02'] }])).toBe(
      undefined,
    );
  });

  it('reasons as each LERO, which knows its own figures', () => {
    // Total of A, B and C with only C's row shown: B can subtract its own and find A's.
    const cells = [cell(true, 'a|walking|01', 'b|walking|01', 'c|music|01'), cell(true, 'c|music|01')];
    const found = firstDerivable(cells, [{ what: 'A', leaves: ['a|walking|01'] }]);
    expect(found?.insider).toBe('b');
  });

  it('finds nothing when every combination keeps two unknown LEROs together', () => {
    const cells = [cell(true, 'a||01', 'b||01', 'c||01', 'd||01'), cell(true, 'd||01')];
    expect(firstDerivable(cells, [{ what: 'A', leaves: ['a||01'] }], [undefined, 'd'])).toBe(undefined);
  });
});
