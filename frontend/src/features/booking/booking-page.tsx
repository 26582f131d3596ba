import { useSearchParams } from 'react-router-dom';
import { BookingForm } from './booking-form';

export function BookingPage() {
  // "Book again" from a patient's page arrives with ?doctorId=&patientId=.
  const [params] = useSearchParams();
  const preset = { doctorId: params.get('doctorId') ?? undefined, patientId: params.get('patientId') ?? undefined };
  return (
    <>
      <title>Book · Clinic desk</title>
      <h1>Book an appointment</h1>
      <p className="muted">Choose a doctor, a day and the patient, then pick a free time.</p>
      <BookingForm key={`${preset.doctorId}|${preset.patientId}`} preset={preset} />
    </>
  );
}
