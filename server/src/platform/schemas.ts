import { z } from 'zod';

export const ErrorBody = z
  .object({ statusCode: z.number(), code: z.string(), message: z.string(), field: z.string().optional() })
  .meta({ id: 'Error' });

export const Paging = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

export const Uuid = z.uuid();

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number() });
}

/** A LIKE pattern matching `text` anywhere, with the caller's % _ and \ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
