import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createAccount, listAccounts, resetPassword, updateAccount, type AccountChanges } from '../../services/admin-api';

export const accountsKey = ['accounts'] as const;

export function useAccounts(limit: number, offset: number) {
  return useQuery({ queryKey: [...accountsKey, { limit, offset }], queryFn: () => listAccounts({ limit, offset }) });
}

export function useCreateAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createAccount,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountsKey }),
  });
}

export function useUpdateAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: AccountChanges }) => updateAccount(id, changes),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountsKey }),
  });
}

export function useResetPassword() {
  return useMutation({ mutationFn: ({ id, password }: { id: string; password: string }) => resetPassword(id, password) });
}
