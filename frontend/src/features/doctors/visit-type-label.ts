import type { VisitType } from '../../services/visit-types-api';

/** "45 min, then 10 min buffer", or just "15 min": how staff read a visit type's length. */
export const describeVisitType = (type: Pick<VisitType, 'durationMinutes' | 'bufferMinutes'>) =>
  type.bufferMinutes > 0 ? `${type.durationMinutes} min, then ${type.bufferMinutes} min buffer` : `${type.durationMinutes} min`;
