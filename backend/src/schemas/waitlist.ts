import * as contract from '@clinic/contract/waitlist';
import { named, pagingQuery } from './common.js';

export const createWaitlistBody = named('CreateWaitlistEntry', contract.createWaitlistBody);
export const waitlistEntrySchema = named('WaitlistEntry', contract.waitlistEntrySchema);
export const waitlistOfferSchema = named('WaitlistOffer', contract.waitlistOfferSchema);
export const publicOfferSchema = named('PublicOffer', contract.publicOfferSchema);
export const acceptedOfferSchema = named('AcceptedOffer', contract.acceptedOfferSchema);
export const declinedOfferSchema = named('DeclinedOffer', contract.declinedOfferSchema);
export const offerTokenParams = contract.offerTokenParams;
export const waitlistQuery = contract.waitlistQuery.and(pagingQuery);
