/** Visit types: what a doctor offers, how long it takes, and the buffer that follows it. */

export type VisitType = {
  id: string;
  doctorId: string;
  name: string;
  durationMinutes: number;
  /** After the visit, before the doctor's next one (cleaning, notes): not the patient's time. */
  bufferMinutes: number;
  /** Inactive types stay on the appointments that name them but are no longer offered. */
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
};

export type NewVisitType = Pick<VisitType, 'doctorId' | 'name' | 'durationMinutes' | 'bufferMinutes' | 'active'>;
export type VisitTypeChanges = Partial<Pick<VisitType, 'name' | 'durationMinutes' | 'bufferMinutes' | 'active'>>;

export interface VisitTypeRepository {
  /** Null for an unknown doctor. */
  create(input: NewVisitType): Promise<VisitType | null>;
  /** The doctor's types by name, inactive ones included. */
  list(doctorId: string): Promise<VisitType[]>;
  get(id: string): Promise<VisitType | null>;
  update(id: string, changes: VisitTypeChanges): Promise<VisitType | null>;
  /**
   * Deletes a type no appointment names; one that is named is kept, inactive, so past and booked
   * appointments still say what they were. Null when there was none.
   */
  remove(id: string): Promise<'deleted' | 'deactivated' | null>;
}
