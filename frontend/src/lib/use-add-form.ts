import type { UseMutationResult } from '@tanstack/react-query';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { fieldErrorsFrom, hasErrors, type FieldErrors } from './form-errors';

/**
 * State of a small "add" form: client-side checks first, then the API's own per-field errors
 * next to the same fields; any other API error is handed back whole for one alert.
 */
export function useAddForm<V extends Record<string, string>, Req, Res>(options: {
  empty: V;
  validate: (values: V) => FieldErrors;
  toRequest: (values: V) => Req;
  mutation: UseMutationResult<Res, Error, Req>;
  added: (created: Res) => string;
}) {
  const { empty, validate, toRequest, mutation, added } = options;
  const [values, setValues] = useState(empty);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState('');
  const serverErrors = fieldErrorsFrom(mutation.error, Object.keys(empty));

  const bind = (field: keyof V & string) => ({
    name: field,
    value: values[field],
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      const { value } = event.target;
      setValues((v) => ({ ...v, [field]: value }));
      setClientErrors((e) => ({ ...e, [field]: undefined }));
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setStatus('');
    const found = validate(values);
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
