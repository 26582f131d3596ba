import { extendZodWithOpenApi, zodToOpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { errorSchema as contractErrorSchema } from '@clinic/contract/envelope';
import { idSchema, labelText, z } from '@clinic/contract/fields';

// The rules and messages are the contract's (packages/contract), shared with the SPA; what is
// added here is what only the server needs: the OpenAPI names and the query strings' parsing.
extendZodWithOpenApi(z);

export { envelope, listEnvelope } from '@clinic/contract/envelope';
export { idSchema, isoDate, isoDateTime } from '@clinic/contract/fields';

export const idParams = z.object({ id: idSchema });

const limit = z.coerce.number().int().min(1).max(500).default(100);
const offset = z.coerce.number().int().min(0);

/** `?skip=` is the original API's name for `?offset=`; both are read, offset wins. */
export const pagingQuery = z
  .object({ limit, offset: offset.optional(), skip: offset.optional() })
  .transform(({ limit, offset, skip }) => ({ limit, offset: offset ?? skip ?? 0 }));

export const searchText = labelText(z.string().trim().max(200)).optional();

/**
 * Names a contract schema as an OpenAPI component. In place rather than on a copy (which is what
 * `.openapi(name)` makes), so the contract's schemas that nest this one refer to it by name too.
 */
export function named<T extends z.ZodType>(refId: string, schema: T): T {
  const current = zodToOpenAPIRegistry.get(schema);
  zodToOpenAPIRegistry.add(schema, { ...current, _internal: { ...current?._internal, refId } });
  return schema;
}

export const errorSchema = named('Error', contractErrorSchema);

export { z };
