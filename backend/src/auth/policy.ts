import type { Role } from '../store/access.js';

export type Rule = 'public' | readonly Role[];

const ADMIN = ['admin'] as const;
const DESK = ['admin', 'staff'] as const;
/** A doctor passes here, and the services then narrow what they see to their own doctor record. */
const CLINICAL = ['admin', 'staff', 'doctor'] as const;
const SIGNED_IN = CLINICAL;

/**
 * Who may call what: every route under /api, in one table. `:name` matches one path segment and
 * a trailing `*` anything below. A route missing here is closed: 401 to the anonymous, 404 to
 * the signed-in, whatever is mounted there.
 */
export const POLICY: Readonly<Record<string, Rule>> = {
  'GET /api/health': 'public',
  'GET /api/config': 'public',
  'GET /api/openapi.json': 'public',
  'GET /api/docs': 'public',
  'GET /api/docs/*': 'public',
  'POST /api/auth/login': 'public',
  // Ends whatever session the cookie names, or none; an expired one must still be able to sign out.
  'POST /api/auth/logout': 'public',
  'GET /api/auth/me': SIGNED_IN,
  'POST /api/auth/password': SIGNED_IN,
  'POST /api/auth/totp/setup': SIGNED_IN,
  'POST /api/auth/totp/enable': SIGNED_IN,
  'POST /api/auth/totp/disable': SIGNED_IN,

  'POST /api/accounts': ADMIN,
  'GET /api/accounts': ADMIN,
  'PATCH /api/accounts/:id': ADMIN,
  'POST /api/accounts/:id/password': ADMIN,
  'POST /api/tokens': ADMIN,
  'GET /api/tokens': ADMIN,
  'DELETE /api/tokens/:id': ADMIN,
  'GET /api/audit': ADMIN,
  'GET /api/audit/verify': ADMIN,

  'POST /api/doctors': ADMIN,
  'GET /api/doctors': CLINICAL,
  'GET /api/doctors/search': CLINICAL,
  'GET /api/doctors/:id': CLINICAL,
  'PUT /api/doctors/:id': ADMIN,
  'PATCH /api/doctors/:id': ADMIN,
  // Calendar apps cannot sign in: the key in the URL is the credential (checked by the feed).
  'GET /api/doctors/:id/calendar.ics': 'public',
  'POST /api/doctors/:id/calendar-key': DESK,
  'GET /api/doctors/:id/schedule': CLINICAL,
  'PUT /api/doctors/:id/schedule': DESK,
  'POST /api/doctors/:id/time-off': DESK,
  'GET /api/doctors/:id/time-off': CLINICAL,
  'DELETE /api/time-off/:id': DESK,
  'POST /api/doctors/:id/visit-types': DESK,
  'GET /api/doctors/:id/visit-types': CLINICAL,
  'PATCH /api/visit-types/:id': DESK,
  'DELETE /api/visit-types/:id': DESK,
  'GET /api/sites': CLINICAL,
  'POST /api/sites': ADMIN,
  'PATCH /api/sites/:id': ADMIN,
  'POST /api/webhooks': ADMIN,
  'GET /api/webhooks': ADMIN,
  'DELETE /api/webhooks/:id': ADMIN,
  'GET /api/webhooks/:id/deliveries': ADMIN,
  'POST /api/waitlist': DESK,
  'GET /api/waitlist': DESK,
  'DELETE /api/waitlist/:id': DESK,
  // A patient answering an offer has no account: the signed link is the key.
  'GET /api/offers/:token': 'public',
  'POST /api/offers/:token/accept': 'public',
  'POST /api/offers/:token/decline': 'public',
  // Messages carry patients' addresses and visits: the desk reads them, only admins reword them.
  'GET /api/messages': DESK,
  'GET /api/messages/:id': DESK,
  'GET /api/message-templates': DESK,
  'PUT /api/message-templates/:kind': ADMIN,
  'DELETE /api/message-templates/:kind': ADMIN,

  'POST /api/patients': DESK,
  'GET /api/patients': DESK,
  'GET /api/patients/search': DESK,
  'GET /api/patients/:id': DESK,
  'PUT /api/patients/:id': DESK,
  'PATCH /api/patients/:id': DESK,
  'GET /api/patients/:id/appointments': DESK,

  'POST /api/appointments': DESK,
  'GET /api/appointments': CLINICAL,
  'GET /api/appointments/:id': CLINICAL,
  'POST /api/appointments/:id/reschedule': DESK,
  'POST /api/appointments/:id/cancel': DESK,
  'POST /api/appointments/:id/check-in': DESK,
  'POST /api/appointments/:id/complete': DESK,
  'POST /api/appointments/:id/no-show': DESK,
  'GET /api/appointments/:id/patient-links': DESK,
  'GET /api/availability': CLINICAL,
  'GET /api/events': CLINICAL,

  // Patients have no account: the signed, expiring token in the path is the credential (checked by the service).
  'GET /api/visit/:token': 'public',
  'POST /api/visit/:token/confirm': 'public',
  'POST /api/visit/:token/cancel': 'public',
};

type CompiledRule = { method: string; segments: string[]; rule: Rule };

const compiled: CompiledRule[] = Object.entries(POLICY).map(([route, rule]) => {
  const [method, path] = route.split(' ') as [string, string];
  return { method, segments: path.toLowerCase().split('/').filter(Boolean), rule };
});

function matches(pattern: string[], segments: string[]): boolean {
  for (let i = 0; i < pattern.length; i += 1) {
    if (pattern[i] === '*') return segments.length > i;
    if (i >= segments.length) return false;
    if (!pattern[i]!.startsWith(':') && pattern[i] !== segments[i]) return false;
  }
  return pattern.length === segments.length;
}

/** The rule for a request; literal segments win over `:id` (so /patients/search is not /patients/:id). */
export function ruleFor(method: string, path: string): Rule | undefined {
  // Express matches routes case-insensitively, so the table must too.
  const segments = path.toLowerCase().split('/').filter(Boolean);
  const verb = method === 'HEAD' ? 'GET' : method;
  const candidates = compiled.filter((entry) => entry.method === verb && matches(entry.segments, segments));
  const literalCount = (entry: CompiledRule) => entry.segments.filter((segment) => !segment.startsWith(':')).length;
  return candidates.sort((a, b) => literalCount(b) - literalCount(a))[0]?.rule;
}
