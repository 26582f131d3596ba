import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { listAudit, verifyAuditChain, type AuditFilters } from '../../services/admin-api';

export function useAudit(filters: AuditFilters) {
  return useQuery({ queryKey: ['audit', filters], queryFn: () => listAudit(filters), placeholderData: keepPreviousData });
}

/** A check the admin starts, not data kept fresh: it reads the whole chain. */
export function useVerifyChain() {
  return useMutation({ mutationFn: verifyAuditChain });
}
