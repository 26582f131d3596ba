/**
 * The submit button and the live status line that reports the outcome beside it. While saving
 * the button is aria-disabled, not disabled: a disabled button drops the keyboard focus to the
 * page, and the next Tab would start again at the skip link. Its click is refused instead, which
 * also stops Enter in a field, since the browser submits a form by clicking its default button.
 */
export function FormActions({
  submitLabel,
  pending,
  pendingText,
  status,
}: {
  submitLabel: string;
  pending: boolean;
  pendingText: string;
  status: string;
}) {
  return (
    <div className="form-actions">
      <button type="submit" aria-disabled={pending || undefined} onClick={(e) => pending && e.preventDefault()}>
        {submitLabel}
      </button>
      <p role="status" className="form-status">
        {pending ? pendingText : status}
      </p>
    </div>
  );
}
