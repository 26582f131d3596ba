import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Field } from '../../components/field';
import { ApiError } from '../../services/api';
import type { MessageTemplate } from '../../services/messages-api';
import { kindLabel } from './kinds';
import { useResetTemplate, useSaveTemplate, useTemplates } from './use-messages';

function TemplateForm({ template }: { template: MessageTemplate }) {
  const [subject, setSubject] = useState(template.subject);
  const [text, setText] = useState(template.text);
  const [html, setHtml] = useState(template.html);
  const save = useSaveTemplate();
  const reset = useResetTemplate();
  const problems = save.error instanceof ApiError ? save.error.details : [];
  const problem = (path: string) => problems.find((detail) => detail.path === path)?.message;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ kind: template.kind, body: { subject, text, html } });
  };
  const backToDefault = () =>
    reset.mutate(template.kind, {
      onSuccess: (answer) => {
        setSubject(answer.subject);
        setText(answer.text);
        setHtml(answer.html);
      },
    });

  return (
    <form aria-label={`${kindLabel(template.kind)} template`} onSubmit={submit} className="template-form">
      <Field label="Subject" error={problem('subject')}>
        {(control) => <input {...control} value={subject} onChange={(event) => setSubject(event.target.value)} />}
      </Field>
      <Field label="Text" error={problem('text')}>
        {(control) => <textarea {...control} rows={8} value={text} onChange={(event) => setText(event.target.value)} />}
      </Field>
      <Field label="HTML" error={problem('html')}>
        {(control) => <textarea {...control} rows={8} value={html} onChange={(event) => setHtml(event.target.value)} />}
      </Field>
      {save.isError && <ErrorAlert title="The template was not saved." error={save.error} />}
      {save.isSuccess && <p role="status">Saved: the next {kindLabel(template.kind).toLowerCase()} uses it.</p>}
      <div className="row-actions">
        <button type="submit" disabled={save.isPending}>
          Save template
        </button>
        <button type="button" className="button-secondary" disabled={template.isDefault || reset.isPending} onClick={backToDefault}>
          Back to the default
        </button>
      </div>
    </form>
  );
}

/** Admins reword each kind of message; Mustache variables fill in the patient's visit. */
export function TemplatesEditor() {
  const templates = useTemplates();
  const [kind, setKind] = useState<MessageTemplate['kind']>('confirmation');
  if (templates.isPending) return <p className="muted">Loading templates…</p>;
  if (templates.isError) return <ErrorAlert title="The templates could not be loaded." error={templates.error} />;
  const template = templates.data.find((candidate) => candidate.kind === kind)!;
  return (
    <section aria-labelledby="templates-heading" className="card">
      <h2 id="templates-heading">Templates</h2>
      <Field label="Message">
        {(control) => (
          <select {...control} value={kind} onChange={(event) => setKind(event.target.value as MessageTemplate['kind'])}>
            {templates.data.map((candidate) => (
              <option key={candidate.kind} value={candidate.kind}>
                {kindLabel(candidate.kind)}
                {candidate.isDefault ? ' (default)' : ''}
              </option>
            ))}
          </select>
        )}
      </Field>
      <p className="muted">Variables: {template.variables.map((name) => `{{${name}}}`).join(' ')}</p>
      <TemplateForm key={`${template.kind}-${template.updatedAt ?? 'default'}`} template={template} />
    </section>
  );
}
