import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { Alert, ErrorAlert } from '../../components/alert';
import { ApiError } from '../../services/api';
import type { Visit } from '../../services/patient-links-api';
import { formatMoment, formatWhen, Outcome, PublicPage, VisitDetails } from './public-page';
import { isInvalidLink, useVisit, useVisitAction } from './use-visit';

const CLOSED: Record<string, string> = {
  CHECKED_IN: 'You are checked in for this visit.',
  COMPLETED: 'This visit has taken place.',
  NO_SHOW: 'This visit was missed. Please call the clinic to book again.',
};

/** The page a patient's view, confirm or cancel link opens. */
export function VisitPage() {
  const token = useParams().token ?? '';
  const visit = useVisit(token);

  if (visit.isPending) {
    return (
      <PublicPage title="Your appointment">
        <p className="muted">Loading your appointment…</p>
      </PublicPage>
    );
  }
  if (visit.isError) {
    return (
      <PublicPage title="Your appointment">
        {isInvalidLink(visit.error) ? (
          <InvalidLink />
        ) : (
          <ErrorAlert title="Your appointment could not be loaded." error={visit.error} onRetry={() => void visit.refetch()} />
        )}
      </PublicPage>
    );
  }
  return (
    <PublicPage title="Your appointment">
      <VisitView token={token} visit={visit.data} />
    </PublicPage>
  );
}

export function InvalidLink() {
  return (
    <Alert title="This link is not valid or has expired.">
      <p>Please use the link in the latest message from the clinic, or call the clinic.</p>
    </Alert>
  );
}

function VisitView({ token, visit }: { token: string; visit: Visit }) {
  const { appointment } = visit;
  return (
    <>
      <p>Hello {appointment.patient.firstName},</p>
      <VisitDetails {...appointment} />
      {appointment.status === 'CANCELLED' ? (
        <Outcome tone="info" title="This appointment is cancelled." />
      ) : appointment.status !== 'BOOKED' ? (
        <Outcome tone="info" title={CLOSED[appointment.status] ?? 'This appointment can no longer be changed.'} />
      ) : visit.purpose === 'confirm' ? (
        <ConfirmStep token={token} confirmedAt={appointment.patientConfirmedAt} />
      ) : visit.purpose === 'cancel' ? (
        <CancelStep token={token} visit={visit} />
      ) : (
        appointment.patientConfirmedAt && <Outcome tone="ok" title="You have confirmed you will come." />
      )}
    </>
  );
}

function ConfirmStep({ token, confirmedAt }: { token: string; confirmedAt: string | null }) {
  const confirm = useVisitAction(token, 'confirm');
  if (confirmedAt) return <Outcome tone="ok" title="Thank you: you have confirmed you will come." />;
  return (
    <>
      {confirm.isError && <ErrorAlert title="Your confirmation was not saved." error={confirm.error} />}
      <div className="public-actions">
        <button type="button" disabled={confirm.isPending} onClick={() => confirm.mutate()}>
          {confirm.isPending ? 'Confirming…' : 'Confirm I will come'}
        </button>
      </div>
    </>
  );
}

function CancelStep({ token, visit }: { token: string; visit: Visit }) {
  const cancel = useVisitAction(token, 'cancel');
  const [asking, setAsking] = useState(false);
  const { start, end, site } = visit.appointment;
  const callUs = <p>Please call the clinic if you cannot come.</p>;

  if (cancel.error instanceof ApiError && cancel.error.code === 'CANCEL_TOO_LATE') {
    return (
      <Alert title="It is too late to cancel online.">
        <p>{cancel.error.message}</p>
      </Alert>
    );
  }
  if (!visit.cancellable) {
    return (
      <Outcome tone="info" title="It is too late to cancel online.">
        <p>Online cancelling closed at {formatMoment(visit.cancelBefore, site.timezone)}.</p>
        {callUs}
      </Outcome>
    );
  }
  return (
    <>
      {cancel.isError && <ErrorAlert title="Your appointment was not cancelled." error={cancel.error} />}
      {asking ? (
        <section aria-labelledby="cancel-question" className="card">
          <h2 id="cancel-question">Cancel your appointment on {formatWhen(start, end, site.timezone)}?</h2>
          <p>The time will be offered to someone else. This cannot be undone online.</p>
          <div className="public-actions">
            <button type="button" className="button-danger" disabled={cancel.isPending} onClick={() => cancel.mutate()}>
              {cancel.isPending ? 'Cancelling…' : 'Yes, cancel it'}
            </button>
            <button type="button" className="button-secondary" disabled={cancel.isPending} onClick={() => setAsking(false)}>
              No, keep it
            </button>
          </div>
        </section>
      ) : (
        <div className="public-actions">
          <button type="button" className="button-danger" onClick={() => setAsking(true)}>
            Cancel appointment
          </button>
        </div>
      )}
    </>
  );
}
