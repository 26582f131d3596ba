import Mustache from 'mustache';
import { AppError, type ErrorDetail } from '../../errors.js';
import { MESSAGE_KINDS, type MessageKind, type MessageTemplate } from '../../store/ports/messages.js';
import type { Store } from '../../store/store.js';

export type TemplateSource = Pick<MessageTemplate, 'subject' | 'text' | 'html'>;

/** What every template may use; a value may be empty (no visit type, no address, no link). */
export type TemplateVariables = {
  patientName: string;
  doctorName: string;
  specialty: string;
  visitType: string | null;
  date: string;
  time: string;
  timezone: string;
  siteName: string;
  siteAddress: string | null;
  viewUrl: string | null;
  confirmUrl: string | null;
  cancelUrl: string | null;
  offerUrl: string | null;
  offerExpires: string | null;
  hoursBefore: number | null;
};

const WHERE_TEXT = '{{siteName}}{{#siteAddress}}, {{siteAddress}}{{/siteAddress}}';
const WHERE_HTML = '<p>Where: <strong>{{siteName}}</strong>{{#siteAddress}}<br>{{siteAddress}}{{/siteAddress}}</p>';
const VISIT_TEXT = 'with {{doctorName}} ({{specialty}}{{#visitType}}, {{visitType}}{{/visitType}})';
const WHEN = '{{date}} at {{time}} ({{timezone}})';
const LINKS_TEXT =
  '{{#viewUrl}}\nSee your appointment: {{viewUrl}}{{/viewUrl}}{{#cancelUrl}}\nCannot come? Cancel it: {{cancelUrl}}{{/cancelUrl}}';
const LINKS_HTML =
  '<p>{{#viewUrl}}<a href="{{viewUrl}}">See your appointment</a>{{/viewUrl}}' +
  '{{#confirmUrl}} · <a href="{{confirmUrl}}">Confirm you are coming</a>{{/confirmUrl}}' +
  '{{#cancelUrl}} · <a href="{{cancelUrl}}">Cancel it</a>{{/cancelUrl}}</p>';

/** What a clinic gets until it writes its own: plain, short, every fact the patient needs. */
export const DEFAULT_TEMPLATES: Record<MessageKind, TemplateSource> = {
  confirmation: {
    subject: 'Your appointment on {{date}} at {{time}}',
    text: `Hello {{patientName}},\n\nYour appointment ${VISIT_TEXT} is booked for ${WHEN}.\nWhere: ${WHERE_TEXT}\n{{#confirmUrl}}\nPlease confirm you are coming: {{confirmUrl}}{{/confirmUrl}}${LINKS_TEXT}\n`,
    html: `<p>Hello {{patientName}},</p><p>Your appointment ${VISIT_TEXT} is booked for <strong>${WHEN}</strong>.</p>${WHERE_HTML}${LINKS_HTML}`,
  },
  reminder: {
    subject: 'Reminder: your appointment on {{date}} at {{time}}',
    text: `Hello {{patientName}},\n\nA reminder of your appointment ${VISIT_TEXT} on ${WHEN}.\nWhere: ${WHERE_TEXT}\n${LINKS_TEXT}\n`,
    html: `<p>Hello {{patientName}},</p><p>A reminder of your appointment ${VISIT_TEXT} on <strong>${WHEN}</strong>.</p>${WHERE_HTML}${LINKS_HTML}`,
  },
  rescheduled: {
    subject: 'Your appointment has moved to {{date}} at {{time}}',
    text: `Hello {{patientName}},\n\nYour appointment ${VISIT_TEXT} is now on ${WHEN}.\nWhere: ${WHERE_TEXT}\n${LINKS_TEXT}\n`,
    html: `<p>Hello {{patientName}},</p><p>Your appointment ${VISIT_TEXT} is now on <strong>${WHEN}</strong>.</p>${WHERE_HTML}${LINKS_HTML}`,
  },
  cancelled: {
    subject: 'Your appointment on {{date}} at {{time}} is cancelled',
    text: `Hello {{patientName}},\n\nYour appointment ${VISIT_TEXT} on ${WHEN} is cancelled.\nCall us to book another time.\n`,
    html: `<p>Hello {{patientName}},</p><p>Your appointment ${VISIT_TEXT} on <strong>${WHEN}</strong> is cancelled.</p><p>Call us to book another time.</p>`,
  },
  waitlist_offer: {
    subject: 'A time has come free: {{date}} at {{time}}',
    text: `Hello {{patientName}},\n\nA time ${VISIT_TEXT} has come free on ${WHEN} at ${WHERE_TEXT}.\nIt is held for you until {{offerExpires}}: {{offerUrl}}\n`,
    html: `<p>Hello {{patientName}},</p><p>A time ${VISIT_TEXT} has come free on <strong>${WHEN}</strong>.</p>${WHERE_HTML}<p>It is held for you until {{offerExpires}}: <a href="{{offerUrl}}">accept or decline</a></p>`,
  },
};

/** The parts Mustache cannot parse, each with its reason: a template that fails here is refused, not stored. */
export function templateProblems(source: TemplateSource): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  for (const part of ['subject', 'text', 'html'] as const) {
    try {
      Mustache.parse(source[part]);
    } catch (error) {
      problems.push({ path: part, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return problems;
}

/** Text parts are not HTML: only the HTML body gets Mustache's escaping. */
export function render(source: TemplateSource, variables: TemplateVariables) {
  const plain = (template: string) => Mustache.render(template, variables, {}, { escape: (value: unknown) => String(value) });
  return {
    subject: plain(source.subject).replace(/\s+/g, ' ').trim(),
    text: plain(source.text),
    html: Mustache.render(source.html, variables),
  };
}

/** The templates in force, the clinic's own over the defaults, and who may change them. */
export function messageTemplates(store: Pick<Store, 'messages'>) {
  return {
    current: async (): Promise<Record<MessageKind, TemplateSource>> => {
      const own = new Map((await store.messages.templates()).map((template) => [template.kind, template]));
      return Object.fromEntries(MESSAGE_KINDS.map((kind) => [kind, own.get(kind) ?? DEFAULT_TEMPLATES[kind]])) as Record<
        MessageKind,
        TemplateSource
      >;
    },
    list: async () => {
      const own = new Map((await store.messages.templates()).map((template) => [template.kind, template]));
      return MESSAGE_KINDS.map((kind) => {
        const template = own.get(kind);
        return { kind, ...(template ?? DEFAULT_TEMPLATES[kind]), isDefault: !template, updatedAt: template?.updatedAt ?? null };
      });
    },
    save: async (kind: MessageKind, source: TemplateSource) => {
      const problems = templateProblems(source);
      if (problems.length > 0) throw new AppError('INVALID_TEMPLATE', 'The template is not valid Mustache', problems);
      const saved = await store.messages.saveTemplate({ kind, ...source });
      return { ...saved, isDefault: false };
    },
    reset: async (kind: MessageKind) => {
      await store.messages.removeTemplate(kind);
      return { kind, ...DEFAULT_TEMPLATES[kind], isDefault: true, updatedAt: null };
    },
  };
}

export type MessageTemplates = ReturnType<typeof messageTemplates>;
