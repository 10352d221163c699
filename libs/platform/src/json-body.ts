import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppError, MAX_INPUT_DEPTH, type FieldError } from '@hearth/contracts';

interface Frame {
  /** The keys seen so far in an object; null in a list. */
  keys: Set<string> | null;
  /** Where this object or list is, as a field name (`schedule`, `communityRoles.0`). */
  path: string;
  /** The key this object or list is under in its parent. */
  name: string;
  /** The key being read in an object, or the index in a list. */
  current: string;
  index: number;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
const childPath = (frame: Frame) => join(frame.path, frame.keys ? frame.current : String(frame.index));

/**
 * Reads JSON text once, without recursion and before anything parses it into objects: refuses nesting deeper
 * than the input policy allows, a key given twice in one object (JSON.parse keeps the last silently), and the
 * keys that reach an object's prototype (`__proto__`, `constructor.prototype`). Syntax is left to JSON.parse.
 */
export function jsonShapeProblem(text: string, maxDepth = MAX_INPUT_DEPTH): FieldError | undefined {
  const stack: Frame[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      let end = i + 1;
      while (end < text.length && text.charCodeAt(end) !== 0x22) end += text.charCodeAt(end) === 0x5c ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top?.keys && expectKey) {
        let key: string;
        try {
          key = JSON.parse(text.slice(i, end + 1)) as string;
        } catch {
          return undefined;
        }
        const field = join(top.path, key);
        if (top.keys.has(key))
          return { field, message: 'appears twice (each key of a JSON object must be unique)' };
        if (key === '__proto__' || (key === 'prototype' && top.name === 'constructor'))
          return { field, message: 'is a name JavaScript reserves for prototypes' };
        top.keys.add(key);
        top.current = key;
        expectKey = false;
      }
      i = end;
    } else if (c === 0x7b || c === 0x5b) {
      const parent = stack[stack.length - 1];
      const path = parent ? childPath(parent) : '';
      if (stack.length >= maxDepth)
        return { field: path, message: `nests too deeply (at most ${maxDepth} levels)` };
      stack.push({
        keys: c === 0x7b ? new Set() : null,
        path,
        name: parent?.keys ? parent.current : '',
        current: '',
        index: 0,
      });
      expectKey = c === 0x7b;
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
      expectKey = false;
    } else if (c === 0x2c) {
      const top = stack[stack.length - 1];
      if (top?.keys) expectKey = true;
      else if (top) top.index += 1;
    }
  }
  return undefined;
}

/** A JSON request body under the input policy: a 400 naming what is wrong, before anything goes deep. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') {
    throw new AppError('VALIDATION', 'The body is empty: send a JSON object, or no content type.', {
      errors: [{ field: '', message: 'must be a JSON object' }],
    });
  }
  const problem = jsonShapeProblem(text);
  if (problem) {
    throw new AppError('VALIDATION', `Invalid ${problem.field || 'body'}: ${problem.message}.`, {
      errors: [problem],
    });
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new AppError('VALIDATION', `The body is not valid JSON (${(err as Error).message}).`, {
      errors: [{ field: '', message: 'must be valid JSON' }],
    });
  }
}

/**
 * The one JSON body parser of an app (Nest then registers none of its own), at most `bodyLimit` bytes (413
 * beyond). Fastify's `text/plain` parser goes: no route takes plain text, so such a body is a 415.
 */
export function useJsonBodyPolicy(app: NestFastifyApplication, bodyLimit: number): void {
  app.useBodyParser('application/json', { bodyLimit }, (_req, body, done) => {
    try {
      done(null, parseJsonBody(body.toString('utf8')));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
  app.getHttpAdapter().getInstance().removeContentTypeParser('text/plain');
}
