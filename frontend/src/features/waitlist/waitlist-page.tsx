import { WaitlistForm } from './waitlist-form';
import { WaitlistQueue } from './waitlist-queue';
import './waitlist.css';

export function WaitlistPage() {
  return (
    <>
      <title>Waitlist · Clinic desk</title>
      <h1>Waitlist</h1>
      <section aria-labelledby="waitlist-add">
        <h2 id="waitlist-add">Add a patient</h2>
        <WaitlistForm />
      </section>
      <section aria-labelledby="waitlist-queue">
        <h2 id="waitlist-queue">Queue</h2>
        <WaitlistQueue />
      </section>
    </>
  );
}
