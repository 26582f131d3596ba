import { NotFoundError, ValidationError } from '../errors.js';
import type { NewTimeOff, Store } from '../store/store.js';
import { confinedToDoctor } from './scope.js';

const LONGEST_MS = 366 * 24 * 60 * 60 * 1000;

/** Time off for a doctor: ranges of instants that availability and booking leave out. */
export function timeOffService(store: Store) {
  return {
    create: async (input: NewTimeOff) => {
      const length = input.end.getTime() - input.start.getTime();
      if (length <= 0) throw new ValidationError('Invalid time off', [{ path: 'end', message: 'must be after start' }]);
      if (length > LONGEST_MS)
        throw new ValidationError('Invalid time off', [{ path: 'end', message: 'must be at most 366 days after start' }]);
      const created = await store.timeOff.create(input);
      if (!created) throw new NotFoundError('Doctor not found');
      return created;
    },
    // A doctor account sees its own time off; another doctor's is as if it did not exist.
    list: async (doctorId: string, from?: Date, to?: Date) => {
      const own = confinedToDoctor();
      if ((own && own !== doctorId) || !(await store.doctors.get(doctorId))) throw new NotFoundError('Doctor not found');
      return store.timeOff.list(doctorId, from, to);
    },
    remove: async (id: string) => {
      const removed = await store.timeOff.remove(id);
      if (!removed) throw new NotFoundError('Time off not found');
      return removed;
    },
  };
}

export type TimeOffService = ReturnType<typeof timeOffService>;
