import { describe, expect, it } from 'vitest';
import { ApiError } from '../../services/api';
import { conflictMessage } from './conflict-message';

const attempt = {
  slot: { start: '2030-05-06T10:00:00.000Z', end: '2030-05-06T10:30:00.000Z' },
  doctorName: 'Dr. Ada',
  patientName: 'Ben',
  timezone: 'Europe/London',
};
const refusal = (code: string) => new ApiError({ status: 409, code, message: 'refused', correlationId: null });

describe('conflictMessage', () => {
  it('says a held slot is the waitlist’s, with the time in the clinic’s zone, not that someone booked it', () => {
    const { title, text } = conflictMessage(refusal('SLOT_HELD'), attempt);
    expect(title).toContain('held for a patient on the waitlist');
    expect(title).toContain('11:00');
    expect(text).not.toContain('booked');
  });

  it('names the doctor for a plain booking conflict', () => {
    expect(conflictMessage(refusal('BOOKING_CONFLICT'), attempt).title).toBe('Dr. Ada is no longer free at that time.');
  });
});
