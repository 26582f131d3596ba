export function NotFoundPage() {
  return (
    <>
      <title>Page not found · Clinic desk</title>
      <h1>Page not found</h1>
      <p>There is no page at this address. Use the menu above to find your way.</p>
    </>
  );
}
