/** How much of a run the API answered from its availability memory, read from its own /metrics. */

export type Lookups = { hit: number; miss: number };

export async function cacheLookups(origin: string): Promise<Lookups | null> {
  const text = await fetch(`${origin}/metrics`).then((response) => response.text());
  const count = (result: string) =>
    Number(new RegExp(`^availability_cache_lookups_total\\{result="${result}"\\} (\\d+)`, 'm').exec(text)?.[1]);
  const lookups = { hit: count('hit'), miss: count('miss') };
  return Number.isFinite(lookups.hit) && Number.isFinite(lookups.miss) ? lookups : null;
}

/** "97% from memory" over the lookups between two readings, or a plain word where the store keeps none. */
export function shareBetween(before: Lookups | null, after: Lookups | null): string {
  if (!before || !after) return 'no memory';
  const hits = after.hit - before.hit;
  const total = hits + after.miss - before.miss;
  return total > 0 ? `${Math.round((100 * hits) / total)}% from memory` : 'no lookups';
}
