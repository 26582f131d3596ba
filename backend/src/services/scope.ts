import { currentActor } from '../config/context.js';

/**
 * The doctor record a doctor account is confined to, or null for every caller who sees the whole
 * clinic. Read from the request context, so each rule below stays beside the data it guards.
 */
export function confinedToDoctor(): string | null {
  const actor = currentActor();
  return actor.role === 'doctor' ? actor.doctorId : null;
}
