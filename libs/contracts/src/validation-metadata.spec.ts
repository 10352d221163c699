import { IsInt, IsString, getMetadataStorage } from 'class-validator';
import { validatePayload } from './validation';

/** class-validator's rules kept per class (ADR 0092): the same verdicts, and rules registered later still count. */
describe('kept validation rules', () => {
  class Walk {
    @IsString() route!: string;
  }

  const rulesOf = (cls: object) =>
    getMetadataStorage().getTargetValidationMetadatas(cls as new () => object, '', true, false);

  it('looks a class’s rules up once, then serves the same answer', () => {
    expect(validatePayload(Walk, { route: 'canal' })).toBeInstanceOf(Walk);
    expect(rulesOf(Walk)).toBe(rulesOf(Walk));
    expect(() => validatePayload(Walk, { route: 3 })).toThrow('Invalid route');
  });

  it('counts a rule registered after the first validation, on a new class and on a subclass', () => {
    expect(validatePayload(Walk, { route: 'canal' })).toBeInstanceOf(Walk);
    class LongWalk extends Walk {
      @IsInt() miles!: number;
    }
    expect(() => validatePayload(LongWalk, { route: 'canal', miles: 'ten' })).toThrow('Invalid miles');
    expect(() => validatePayload(LongWalk, { route: 4, miles: 10 })).toThrow('Invalid route');
    expect(validatePayload(LongWalk, { route: 'canal', miles: 10 })).toMatchObject({ miles: 10 });
    // A rule added to a class already looked up (decorators applied later, as a schema or a mixin would).
    IsInt()(Walk.prototype, 'laps');
    // Kept rules would refuse `laps` as an unknown field.
    expect(validatePayload(Walk, { route: 'canal', laps: 3 })).toMatchObject({ laps: 3 });
    expect(() => validatePayload(Walk, { route: 'canal', laps: 'x' })).toThrow(
      'Invalid laps: laps must be an integer',
    );
  });
});
