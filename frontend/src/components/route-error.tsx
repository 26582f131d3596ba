import { useRouteError } from 'react-router-dom';
import { ErrorAlert } from './alert';

/** Shown instead of a blank screen if a page fails to render. */
export function RouteError() {
  const error = useRouteError();
  return (
    <>
      <title>Something went wrong · Clinic desk</title>
      <h1>Something went wrong</h1>
      <ErrorAlert title="This page could not be shown." error={error} onRetry={() => window.location.reload()} />
    </>
  );
}
