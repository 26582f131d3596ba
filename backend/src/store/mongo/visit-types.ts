import type { VisitType, VisitTypeRepository } from '../ports/visit-types.js';
import { mongoCall } from './errors.js';
import { isObjectIdHex, toObjectId } from './mapping.js';
import type { Models } from './models/index.js';
import type { VisitTypeDoc } from './models/visit-type.js';

const toVisitType = (doc: VisitTypeDoc & { createdAt: Date; updatedAt: Date }): VisitType => ({
  id: doc._id.toHexString(),
  doctorId: doc.doctorId.toHexString(),
  name: doc.name,
  durationMinutes: doc.durationMinutes,
  bufferMinutes: doc.bufferMinutes,
  active: doc.active,
  createdAt: doc.createdAt,
  updatedAt: doc.updatedAt,
});

type Stored = VisitTypeDoc & { createdAt: Date; updatedAt: Date };

export function mongoVisitTypes({ Doctor, VisitType, Appointment }: Models): VisitTypeRepository {
  return {
    create: (input) =>
      mongoCall(async () => {
        if (!isObjectIdHex(input.doctorId) || !(await Doctor.exists({ _id: input.doctorId }))) return null;
        const created = await VisitType.create({ ...input, doctorId: toObjectId(input.doctorId) });
        return toVisitType(created.toObject() as Stored);
      }),

    list: (doctorId) =>
      mongoCall(async () => {
        if (!isObjectIdHex(doctorId)) return [];
        const docs = await VisitType.find({ doctorId: toObjectId(doctorId) })
          .sort({ name: 1, _id: 1 })
          .lean();
        return docs.map((doc) => toVisitType(doc as Stored));
      }),

    get: (id) =>
      mongoCall(async () => {
        if (!isObjectIdHex(id)) return null;
        const doc = await VisitType.findById(id).lean();
        return doc ? toVisitType(doc as Stored) : null;
      }),

    update: (id, changes) =>
      mongoCall(async () => {
        if (!isObjectIdHex(id)) return null;
        const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
        const doc = await VisitType.findByIdAndUpdate(id, { $set: defined }, { returnDocument: 'after', runValidators: true }).lean();
        return doc ? toVisitType(doc as Stored) : null;
      }),

    // Without a foreign key a booking naming the type may land after the check; it still reads
    // the name back as '' rather than failing, and the next delete keeps what is left.
    remove: (id) =>
      mongoCall(async () => {
        if (!isObjectIdHex(id)) return null;
        if (await Appointment.exists({ visitTypeId: toObjectId(id) })) {
          const kept = await VisitType.findByIdAndUpdate(id, { $set: { active: false } }).lean();
          return kept ? 'deactivated' : null;
        }
        return (await VisitType.findByIdAndDelete(id).lean()) ? 'deleted' : null;
      }),
  };
}
