import { NotFoundError, ValidationError } from '../errors.js';
import type { NewVisitType, VisitType, VisitTypeChanges } from '../store/ports/visit-types.js';
import type { Store } from '../store/store.js';
import { confinedToDoctor } from './scope.js';

/**
 * The visit type a booking or an availability query names, if the doctor offers it: an unknown id
 * is a 404 like any other; another doctor's type or an inactive one is a field error.
 */
export async function offeredVisitType(store: Store, doctorId: string, visitTypeId: string): Promise<VisitType> {
  const visitType = await store.visitTypes.get(visitTypeId);
  if (!visitType) throw new NotFoundError('Visit type not found');
  if (visitType.doctorId !== doctorId || !visitType.active) {
    throw new ValidationError('Invalid visit type', [{ path: 'visitTypeId', message: 'must be an active visit type of this doctor' }]);
  }
  return visitType;
}

export function visitTypeService(store: Store) {
  return {
    create: async (input: NewVisitType) => {
      const created = await store.visitTypes.create(input);
      if (!created) throw new NotFoundError('Doctor not found');
      return created;
    },
    // A doctor account sees its own visit types; another doctor's are as if they did not exist.
    list: async (doctorId: string) => {
      const own = confinedToDoctor();
      if ((own && own !== doctorId) || !(await store.doctors.get(doctorId))) throw new NotFoundError('Doctor not found');
      return store.visitTypes.list(doctorId);
    },
    update: async (id: string, changes: VisitTypeChanges) => {
      const updated = await store.visitTypes.update(id, changes);
      if (!updated) throw new NotFoundError('Visit type not found');
      return updated;
    },
    remove: async (id: string) => {
      const outcome = await store.visitTypes.remove(id);
      if (!outcome) throw new NotFoundError('Visit type not found');
      return outcome;
    },
  };
}

export type VisitTypeService = ReturnType<typeof visitTypeService>;
