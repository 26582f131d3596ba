import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { envelope, idParams, listEnvelope, pagingQuery } from '../schemas/common.js';
import {
  acceptedOfferSchema,
  createWaitlistBody,
  declinedOfferSchema,
  offerTokenParams,
  publicOfferSchema,
  waitlistEntrySchema,
} from '../schemas/waitlist.js';
import * as contract from '@clinic/contract/waitlist';
import { asQuery, describePaging, ERRORS, errorResponses, jsonBody, ok, requestHeaders, WRITE_ERRORS } from './responses.js';

const OFFER_ERRORS = [ERRORS.linkInvalid, ERRORS.offerExpired, ERRORS.offerClosed];

/** The waitlist staff keep, and the offers patients answer through the link they are sent. */
export function waitlistRoutes(): RouteConfig[] {
  return [
    {
      method: 'post',
      path: '/api/waitlist',
      tags: ['Waitlist'],
      summary: "Put a patient on a doctor's (or a specialty's) waitlist, with the times that suit them",
      description:
        'When a cancel, a move or removed time off frees time of that doctor, the first entry in line whose windows and visit ' +
        'type fit is offered it: the slot is held (a HELD appointment, under the same overlap rules as bookings) for ' +
        'WAITLIST_HOLD_MINUTES, and booking it meanwhile answers 409 SLOT_HELD. Expiry or a decline passes it to the next in line.',
      request: { headers: requestHeaders, body: jsonBody(createWaitlistBody) },
      responses: {
        ...ok(201, 'Added to the end of the line', envelope(waitlistEntrySchema)),
        ...errorResponses([...WRITE_ERRORS, ERRORS.notFound]),
      },
    },
    {
      method: 'get',
      path: '/api/waitlist',
      tags: ['Waitlist'],
      summary: 'The queue, oldest first, with each entry’s offers and their outcomes (removed entries only when asked for)',
      request: { headers: requestHeaders, query: describePaging(asQuery(contract.waitlistQuery.and(pagingQuery))) },
      responses: { ...ok(200, 'One page', listEnvelope(waitlistEntrySchema)), ...errorResponses([ERRORS.validation]) },
    },
    {
      method: 'delete',
      path: '/api/waitlist/{id}',
      tags: ['Waitlist'],
      summary: 'Take a patient off the waitlist; an open offer is withdrawn and its hold released',
      request: { params: idParams, headers: requestHeaders },
      responses: { 204: { description: 'Removed' }, ...errorResponses([ERRORS.validation, ERRORS.notFound]) },
    },
    {
      method: 'get',
      path: '/api/offers/{token}',
      tags: ['Waitlist'],
      summary: 'An offer as its patient sees it (no sign-in: the signed link is the key); no contact details',
      request: { params: offerTokenParams },
      responses: { ...ok(200, 'The offer', envelope(publicOfferSchema)), ...errorResponses([ERRORS.linkInvalid]) },
    },
    {
      method: 'post',
      path: '/api/offers/{token}/accept',
      tags: ['Waitlist'],
      summary: 'Accept an offer in time: its hold becomes a BOOKED appointment',
      request: { params: offerTokenParams },
      responses: { ...ok(200, 'Booked', envelope(acceptedOfferSchema)), ...errorResponses(OFFER_ERRORS) },
    },
    {
      method: 'post',
      path: '/api/offers/{token}/decline',
      tags: ['Waitlist'],
      summary: 'Decline an offer: the hold is released and the slot goes to the next in line',
      request: { params: offerTokenParams },
      responses: { ...ok(200, 'Declined', envelope(declinedOfferSchema)), ...errorResponses(OFFER_ERRORS) },
    },
  ];
}
