import { FormErrors } from '../http/form.util';
import { answersRequest, readAnswers, shapeOf, shapeText } from './consultation-answers';

const shape = 'q1:single:3 q2:multiple:2 q3:scale:5 q4:text:0 a1:about:2';

describe('answering a consultation (ADR 0071)', () => {
  it('reads the shape the form carries, and nothing that is not one', () => {
    const read = shapeOf({ shape });
    expect(read && shapeText(read)).toBe(shape);
    for (const broken of ['', 'junk', 'q1:single:3 x', 'a1:about:2', 'q1:essay:0', 'q1:single:3  q2:text:0'])
      expect({ broken, read: shapeOf({ shape: broken }) }).toEqual({ broken, read: undefined });
  });

  it('builds the answers: choices within the options, a written answer only when given, "about you" when chosen', () => {
    const c = shapeOf({ shape })!;
    const errors = new FormErrors();
    const body = { q1: '2', q2: ['1', '0', '1'], q3: '4', q4: '', a1: 'not-said' };
    expect(answersRequest(c, readAnswers(body, c), errors)).toEqual([
      { question: 'q1', choice: 2 },
      { question: 'q2', choices: [1, 0] },
      { question: 'q3', scale: 4 },
    ]);
    expect(errors.ok).toBe(true);
    const bad = new FormErrors();
    answersRequest(c, readAnswers({ q1: '3', q2: ['9'], q3: '6', q4: 'x'.repeat(1001), a1: '5' }, c), bad);
    expect(bad.view().summary.map((e) => e.href)).toEqual(['#q1', '#q2', '#q3', '#q4', '#a1']);
    // Nothing chosen of "any of the options" is an answer (the API takes an empty list).
    expect(answersRequest(c, readAnswers({ q1: '0', q3: '1' }, c), new FormErrors())).toContainEqual({
      question: 'q2',
      choices: [],
    });
  });
});
