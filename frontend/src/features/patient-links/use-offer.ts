import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { acceptOffer, declineOffer, getOffer, type Offer } from '../../services/patient-links-api';

const offerKey = (token: string) => ['offer', token] as const;

export function useOffer(token: string) {
  return useQuery({ queryKey: offerKey(token), queryFn: () => getOffer(token), retry: false });
}

/** Accept or decline; on success the page shows the answer's status, on a refusal the offer as it is now. */
export function useOfferAnswer(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (answer: 'accept' | 'decline'): Promise<{ status: 'accepted' | 'declined' }> =>
      answer === 'accept' ? acceptOffer(token) : declineOffer(token),
    onSuccess: ({ status }) => queryClient.setQueryData<Offer>(offerKey(token), (offer) => offer && { ...offer, status }),
  });
}
