import { useCallback, useState } from 'react';
import { useParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/alert';
import { ApiError } from '../../services/api';
import type { Offer } from '../../services/patient-links-api';
import { HoldCountdown } from './hold-countdown';
import { formatMoment, formatWhen, Outcome, PublicPage, VisitDetails } from './public-page';
import { useOffer, useOfferAnswer } from './use-offer';
import { InvalidLink } from './visit-page';
import { isInvalidLink } from './use-visit';

const TITLE = 'A time for you';

/** The page a waitlist offer's link opens: the held time, how long it is held, accept or decline. */
export function OfferPage() {
  const token = useParams().token ?? '';
  const offer = useOffer(token);
  return (
    <PublicPage title={TITLE}>
      {offer.isPending ? (
        <p className="muted">Loading the offer…</p>
      ) : offer.isError ? (
        isInvalidLink(offer.error) ? (
          <InvalidLink />
        ) : (
          <ErrorAlert title="The offer could not be loaded." error={offer.error} onRetry={() => void offer.refetch()} />
        )
      ) : (
        <OfferView token={token} offer={offer.data} />
      )}
    </PublicPage>
  );
}

function OfferView({ token, offer }: { token: string; offer: Offer }) {
  const answer = useOfferAnswer(token);
  const [timedOut, setTimedOut] = useState(false);
  const onEnd = useCallback(() => setTimedOut(true), []);
  const { appointment } = offer;
  const zone = appointment.site.timezone;
  const refused = answer.error instanceof ApiError ? answer.error.code : null;
  const expired = offer.status === 'expired' || refused === 'OFFER_EXPIRED' || (offer.status === 'open' && timedOut);

  return (
    <>
      <p>Hello {offer.patient.firstName},</p>
      <p>A time has come free with the doctor you were waiting for:</p>
      <VisitDetails {...appointment} />
      {offer.status === 'accepted' ? (
        <Outcome tone="ok" title="It is booked.">
          <p>See you on {formatWhen(appointment.start, appointment.end, zone)}.</p>
        </Outcome>
      ) : offer.status === 'declined' ? (
        <Outcome tone="info" title="You said no to this time.">
          <p>Thank you for letting us know; it will be offered to someone else.</p>
        </Outcome>
      ) : expired ? (
        <Outcome tone="info" title="This offer has expired.">
          <p>The time was held until {formatMoment(offer.expiresAt, zone)}.</p>
        </Outcome>
      ) : offer.status === 'withdrawn' || refused === 'OFFER_CLOSED' ? (
        <Outcome tone="info" title="This offer is no longer open.">
          <p>Please call the clinic if you would still like a time.</p>
        </Outcome>
      ) : (
        <>
          <p>
            We are holding it for you for <HoldCountdown until={offer.expiresAt} onEnd={onEnd} /> (until{' '}
            {formatMoment(offer.expiresAt, zone)}).
          </p>
          {answer.isError && <ErrorAlert title="Your answer was not saved." error={answer.error} />}
          <div className="public-actions">
            <button type="button" disabled={answer.isPending} onClick={() => answer.mutate('accept')}>
              {answer.isPending && answer.variables === 'accept' ? 'Booking…' : 'Accept this time'}
            </button>
            <button type="button" className="button-secondary" disabled={answer.isPending} onClick={() => answer.mutate('decline')}>
              {answer.isPending && answer.variables === 'decline' ? 'Declining…' : 'Decline'}
            </button>
          </div>
        </>
      )}
    </>
  );
}
