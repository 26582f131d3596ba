/** The submit button and the live status line that reports the outcome beside it. */
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
      <button type="submit" disabled={pending}>
        {submitLabel}
      </button>
      <p role="status" className="form-status">
        {pending ? pendingText : status}
      </p>
    </div>
  );
}
