import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../config/logger.js';
import { AppError, NotFoundError } from '../errors.js';

type ParserError = { type?: string; status?: number; expose?: boolean };

function asAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  const parser = error as ParserError | null;
  switch (parser?.type) {
    case 'entity.parse.failed':
      return new AppError('INVALID_JSON');
    case 'entity.too.large':
      return new AppError('PAYLOAD_TOO_LARGE');
    case 'request.aborted':
      return new AppError('VALIDATION_ERROR', 'The request body was cut off before it ended');
    case 'request.size.invalid':
      return new AppError('VALIDATION_ERROR', 'The request body is not as long as its Content-Length says');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError(
        'UNSUPPORTED_MEDIA_TYPE',
        'The request body encoding is not supported: send it as UTF-8, uncompressed or with gzip, deflate or br',
      );
  }
  // The router could not decode a path segment: malformed percent-encoding or not UTF-8.
  if (error instanceof URIError && parser?.status === 400) {
    return new AppError('VALIDATION_ERROR', 'The request path is not valid percent-encoded UTF-8', [
      { path: '(path)', message: 'must be percent-encoded UTF-8' },
    ]);
  }
  // body-parser hands on the decompressor's own error, marked a client error, when the body is
  // not compressed as its Content-Encoding says.
  if (parser?.status === 400 && parser.expose === true) {
    return new AppError('INVALID_JSON', 'The request body could not be decompressed as its Content-Encoding says');
  }
  return null;
}

export function errorBody(error: AppError, correlationId: string) {
  return {
    success: false as const,
    error: {
      code: error.code,
      message: error.message,
      correlationId,
      timestamp: new Date().toISOString(),
      ...(error.details?.length ? { details: error.details } : {}),
    },
  };
}

export const notFoundRoute = (req: Request, _res: Response, next: NextFunction) =>
  next(new NotFoundError(`No route for ${req.method} ${req.path}`));

/** The one place an error becomes a response; unknown errors are logged in full and answered without detail. */
export function errorHandler(logger: Logger) {
  return (error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const known = asAppError(error);
    const appError = known ?? new AppError('INTERNAL_ERROR');
    if (!known)
      logger.error('unhandled error', {
        error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error),
      });
    res.locals.errorCode = appError.code;
    if (res.headersSent) return;
    res.status(appError.status).json(errorBody(appError, String(res.locals.correlationId)));
  };
}
