import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TemplateBody } from '@clinic/contract/messages';
import { getMessage, listMessages, listTemplates, resetTemplate, saveTemplate, type MessageKind } from '../../services/messages-api';

export const messagesKey = ['messages'] as const;
const templatesKey = ['message-templates'] as const;
const PAGE = 50;

/** The newest messages, read again every few seconds: the worker sends them in the background. */
export function useMessages(page: number) {
  return useQuery({
    queryKey: [...messagesKey, page],
    queryFn: () => listMessages({ limit: PAGE, offset: page * PAGE }),
    refetchInterval: 5_000,
  });
}

export function useMessage(id: string | null) {
  return useQuery({ queryKey: [...messagesKey, 'one', id], queryFn: () => getMessage(id!), enabled: id !== null });
}

export function useTemplates() {
  return useQuery({ queryKey: templatesKey, queryFn: listTemplates });
}

export function useSaveTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, body }: { kind: MessageKind; body: TemplateBody }) => saveTemplate(kind, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: templatesKey }),
  });
}

export function useResetTemplate() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: resetTemplate, onSuccess: () => queryClient.invalidateQueries({ queryKey: templatesKey }) });
}

export const MESSAGES_PAGE = PAGE;
