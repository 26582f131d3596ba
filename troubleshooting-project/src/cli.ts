// Prints one day's free slots the way the booking page lists them, in clinic time and UTC.
// Usage: npm run slots -- 2026-03-08 America/New_York [slotMinutes]
import { DateTime } from 'luxon';
import { slotsForDay } from './slots.js';

const [date, zone = 'UTC', minutes = '30'] = process.argv.slice(2);
if (!date) {
  console.error('usage: npm run slots -- YYYY-MM-DD [IANA zone] [slotMinutes]');
  process.exit(2);
}

const slots = slotsForDay(date, [{ start: '09:00', end: '17:00' }], Number(minutes), zone);
for (const s of slots) {
  const local = DateTime.fromISO(s.start, { zone }).toFormat('HH:mm ZZZZ');
  console.log(`${local}  ${s.start} -> ${s.end}`);
}
console.log(`${slots.length} slots on ${date} in ${zone}`);
