import { JsonText, packetJson } from './json-text';

describe('JsonText', () => {
  it('holds valid JSON for anything a handler may give it, and the packet around it stays JSON', () => {
    for (const value of [undefined, () => 1, Symbol('s'), null, 0, 'text', { a: [1, undefined] }]) {
      const text = JsonText.of(value);
      expect(() => JSON.parse(text.text) as unknown).not.toThrow();
      for (const id of [undefined, 'a1', 7])
        expect(JSON.parse(packetJson({ id, response: text, isDisposed: true }))).toEqual({
          ...(id === undefined ? {} : { id }),
          response: JSON.parse(text.text) as unknown,
          isDisposed: true,
        });
    }
  });
});
