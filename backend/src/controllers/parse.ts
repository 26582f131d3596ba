import type { z } from 'zod';
import { ValidationError, type ErrorDetail } from '../errors.js';

type Part = 'body' | 'query' | 'params';

function detailsOf(error: z.ZodError): ErrorDetail[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...issue.path, key].join('.'), message: 'is not an accepted field' }));
    }
    return [{ path: issue.path.join('.') || '(root)', message: issue.message }];
  });
}

/** Validates one part of a request with its schema; the parsed, typed value or a 400 listing each field. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, part: Part): z.output<S> {
  const result = schema.safeParse(value ?? (part === 'body' ? {} : value));
  if (!result.success) throw new ValidationError(`Invalid request ${part}`, detailsOf(result.error));
  return result.data;
}
