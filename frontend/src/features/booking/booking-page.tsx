import { BookingForm } from './booking-form';

export function BookingPage() {
  return (
    <>
      <title>Book · Clinic desk</title>
      <h1>Book an appointment</h1>
      <p className="muted">Choose a doctor and a day, pick a free time, then the patient.</p>
      <BookingForm />
    </>
  );
}
