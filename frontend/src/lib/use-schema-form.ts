import type { z } from '@clinic/contract/fields';
import type { UseMutationResult } from '@tanstack/react-query';
import { useEffect, useState, type ChangeEvent, type FormEvent } from 'react';
import { fieldErrorsFrom, hasErrors, schemaErrors, type FieldErrors } from './form-errors';

/**
 * State of a small add or edit form: the request is checked first with the server's own schema,
 * then the API's per-field errors (a taken email included) go next to the same fields; any other
 * API error is handed back whole for one alert. The schema is loaded on demand (with zod, about a
 * fifth of the bundle) and fetched as the form mounts, so it is there by the first submit. An add
 * form empties itself after saving (`clearOnSave`); an edit form keeps what was saved.
 */
export function useSchemaForm<V extends Record<string, string>, Req, Res>(options: {
  initial: V;
  schema: () => Promise<z.ZodType>;
  toRequest: (values: V) => Req;
  mutation: UseMutationResult<Res, Error, Req>;
  saved: (result: Res) => string;
  clearOnSave?: boolean;
  onSaved?: (result: Res) => void;
}) {
  const { initial, schema, toRequest, mutation, saved, clearOnSave = false, onSaved } = options;
  const [values, setValues] = useState(initial);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState('');
  const serverErrors = fieldErrorsFrom(mutation.error, Object.keys(initial));

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
    if (mutation.isPending) return;
    setStatus('');
    // Without the schema (its chunk failed to load) the server still checks, with the same words.
    const rules = await schema().catch(() => null);
    const found = rules ? schemaErrors(rules, toRequest(values)) : {};
    setClientErrors(found);
    if (hasErrors(found)) return;
    mutation.mutate(toRequest(values), {
      onSuccess: (result) => {
        if (clearOnSave) setValues(initial);
        setStatus(saved(result));
        onSaved?.(result);
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
