/**
 * Wraps an adapter's store calls so that what its driver throws leaves the store as the API's
 * error. The adapter supplies only `classify`: its driver's errors in, an AppError (or the
 * original error, when it means nothing to the API) out.
 */
export function translatingErrors(classify: (error: unknown) => unknown) {
  return async <T>(operation: () => Promise<T>): Promise<T> => {
    try {
      return await operation();
    } catch (error) {
      throw classify(error);
    }
  };
}
