import type { z } from '@clinic/contract/fields';
import type { UseMutationResult } from '@tanstack/react-query';
import { useEffect, useState, type ChangeEvent, type FormEvent } from 'react';
import { fieldErrorsFrom, hasErrors, schemaErrors, type FieldErrors } from './form-errors';

/**
 * State of a small "add" form: the request is checked first with the server's own schema, then
 * the API's per-field errors go next to the same fields; any other API error is handed back
 * whole for one alert. The schema is loaded on demand (with zod, about a fifth of the bundle) and
 * fetched as the form mounts, so it is there by the first submit.
 */
export function useAddForm<V extends Record<string, string>, Req, Res>(options: {
  empty: V;
  schema: () => Promise<z.ZodType>;
  toRequest: (values: V) => Req;
  mutation: UseMutationResult<Res, Error, Req>;
  added: (created: Res) => string;
}) {
  const { empty, schema, toRequest, mutation, added } = options;
  const [values, setValues] = useState(empty);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState('');
  const serverErrors = fieldErrorsFrom(mutation.error, Object.keys(empty));

  useEffect(() => void schema(), [schema]);

  const bind = (field: keyof V & string) => ({
    name: field,
    value: values[field],
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      const { value } = event.target;
      setValues((v) => ({ ...v, [field]: value }));
      setClientErrors((e) => ({ ...e, [field]: undefined }));
    },
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setStatus('');
    // Without the schema (its chunk failed to load) the server still checks, with the same words.
    const rules = await schema().catch(() => null);
    const found = rules ? schemaErrors(rules, toRequest(values)) : {};
    setClientErrors(found);
    if (hasErrors(found)) return;
    mutation.mutate(toRequest(values), {
      onSuccess: (created) => {
        setValues(empty);
        setStatus(added(created));
      },
    });
  }

  return {
    bind,
    submit,
    status,
    errors: { ...serverErrors, ...clientErrors },
    failure: mutation.isError && !hasErrors(serverErrors) ? mutation.error : null,
  };
}
