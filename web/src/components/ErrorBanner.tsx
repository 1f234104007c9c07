/** A visible, dismissible error message that sits in the page flow (not an alert dialog). */
export function ErrorBanner({ message, onDismiss }: { message: string | null; onDismiss: () => void }) {
  if (!message) return null;
  return (
    <div className="error-banner" role="alert" data-testid="error-banner">
      <span className="error-icon" aria-hidden="true">
        !
      </span>
      <p className="error-text">{message}</p>
      <button type="button" className="error-close" onClick={onDismiss} aria-label="Dismiss error">
        ×
      </button>
    </div>
  );
}
