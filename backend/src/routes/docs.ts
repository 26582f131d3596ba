import { Router, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import swaggerUi from 'swagger-ui-express';
import type { OpenApiDocument } from '../openapi/document.js';

// Swagger UI's page has an inline <style> and draws icons from data: URIs; the app-wide policy
// stays strict and only this path gets these. No upgrade-insecure-requests: the compose stack
// serves plain http on whatever host name, and upgrading would break every asset there.
const swaggerUiPolicy = helmet.contentSecurityPolicy({
  useDefaults: true,
  directives: {
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'upgrade-insecure-requests': null,
  },
});

// The UI's assets are relative (./swagger-ui.css), so /api/docs must become /api/docs/ first.
function withTrailingSlash(req: Request, res: Response, next: NextFunction) {
  if (req.path !== '/' || req.originalUrl.split('?')[0]!.endsWith('/')) return next();
  res.redirect(301, `${req.baseUrl.split('/').pop()}/`);
}

/** GET /openapi.json and the Swagger UI at /docs/, both from the one generated document. */
export function docsRouter(document: OpenApiDocument) {
  const ui = swaggerUi.setup(document, { customSiteTitle: 'Clinic appointment API', swaggerOptions: { validatorUrl: null } });
  return Router()
    .get('/openapi.json', (_req, res) => {
      res.json(document);
    })
    .use('/docs', swaggerUiPolicy, withTrailingSlash, ...swaggerUi.serveFiles(document), ui);
}
