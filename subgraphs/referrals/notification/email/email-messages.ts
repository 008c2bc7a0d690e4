import { NotificationType } from '../notification-event';

export type MailLanguage = 'en' | 'es';
export const MAIL_LANGUAGES: readonly MailLanguage[] = ['en', 'es'];

/** What a mail says an event was, from its type alone: the words name no one. */
const SUBJECTS: Record<MailLanguage, Record<NotificationType, string>> = {
  en: {
    [NotificationType.REFERRAL_REQUESTED]: 'A referral was sent',
    [NotificationType.REFERRAL_ACCEPTED]: 'A referral was accepted',
    [NotificationType.REFERRAL_REJECTED]: 'A referral was declined',
    [NotificationType.REFERRAL_ON_HOLD]: 'A referral was put on hold',
    [NotificationType.REFERRAL_IN_PROGRESS]: 'A referral is in progress',
    [NotificationType.REFERRAL_COMPLETED]: 'A referral was completed',
    [NotificationType.REFERRAL_FAILED]: 'A referral did not work out',
    [NotificationType.REFERRAL_CANCELLED]: 'A referral was cancelled',
    [NotificationType.REFERRAL_ENTERED_IN_ERROR]: 'A referral was marked entered in error',
    [NotificationType.NOTE_ADDED]: 'A note was added to a referral',
    [NotificationType.PEER_ASSIGNED]: 'The peer support specialist of a referral changed',
    [NotificationType.CONSENT_REVOKED]: 'A consent on a referral was revoked',
    [NotificationType.REFERRAL_RESPONSE_DUE]: 'A referral is waiting for your answer',
    [NotificationType.REFERRAL_OVERDUE]: 'A referral is past its response target',
    [NotificationType.REFERRAL_DISCHARGE_URGENT]:
      'Urgent: discharge within 24 hours and the referral is not accepted',
    [NotificationType.WEBHOOK_ENDPOINT_DISABLED]:
      'A webhook endpoint of your organization was disabled',
  },
  es: {
    [NotificationType.REFERRAL_REQUESTED]: 'Se envió un referido',
    [NotificationType.REFERRAL_ACCEPTED]: 'Se aceptó un referido',
    [NotificationType.REFERRAL_REJECTED]: 'Se rechazó un referido',
    [NotificationType.REFERRAL_ON_HOLD]: 'Un referido quedó en espera',
    [NotificationType.REFERRAL_IN_PROGRESS]: 'Un referido está en curso',
    [NotificationType.REFERRAL_COMPLETED]: 'Se completó un referido',
    [NotificationType.REFERRAL_FAILED]: 'Un referido no funcionó',
    [NotificationType.REFERRAL_CANCELLED]: 'Se canceló un referido',
    [NotificationType.REFERRAL_ENTERED_IN_ERROR]: 'Un referido se marcó como registrado por error',
    [NotificationType.NOTE_ADDED]: 'Se agregó una nota a un referido',
    [NotificationType.PEER_ASSIGNED]: 'Cambió el especialista de apoyo entre pares de un referido',
    [NotificationType.CONSENT_REVOKED]: 'Se retiró un consentimiento de un referido',
    [NotificationType.REFERRAL_RESPONSE_DUE]: 'Un referido espera su respuesta',
    [NotificationType.REFERRAL_OVERDUE]: 'Un referido pasó su plazo de respuesta',
    [NotificationType.REFERRAL_DISCHARGE_URGENT]:
      'Urgente: alta en menos de 24 horas y el referido no está aceptado',
    [NotificationType.WEBHOOK_ENDPOINT_DISABLED]:
      'Se desactivó un punto de conexión de webhook de su organización',
  },
};

const STATUS: Record<MailLanguage, Record<string, string>> = {
  en: {
    DRAFT: 'Draft',
    REQUESTED: 'Sent',
    ACCEPTED: 'Accepted',
    REJECTED: 'Declined',
    CANCELLED: 'Cancelled',
    IN_PROGRESS: 'In progress',
    ON_HOLD: 'On hold',
    COMPLETED: 'Completed',
    FAILED: 'Did not work out',
    ENTERED_IN_ERROR: 'Entered in error',
  },
  es: {
    DRAFT: 'Borrador',
    REQUESTED: 'Enviado',
    ACCEPTED: 'Aceptado',
    REJECTED: 'Rechazado',
    CANCELLED: 'Cancelado',
    IN_PROGRESS: 'En curso',
    ON_HOLD: 'En espera',
    COMPLETED: 'Completado',
    FAILED: 'No funcionó',
    ENTERED_IN_ERROR: 'Registrado por error',
  },
};

const WORDS = {
  en: {
    hello: (name: string) => `Hello ${name},`,
    status: 'Status now',
    open: 'Open it in the app (sign-in and consent decide what you see)',
    digest: (n: number) =>
      `Your daily summary: ${n} ${n === 1 ? 'referral update' : 'referral updates'}`,
    digestIntro: 'What happened to referrals you work on since your last summary:',
    footer:
      'You get this because you work on this referral. Choose which updates you get by email, and when, in the app.',
  },
  es: {
    hello: (name: string) => `Hola ${name}:`,
    status: 'Estado actual',
    open: 'Ábralo en la aplicación (el inicio de sesión y el consentimiento deciden lo que ve)',
    digest: (n: number) =>
      `Su resumen diario: ${n} ${n === 1 ? 'novedad de referidos' : 'novedades de referidos'}`,
    digestIntro: 'Lo que pasó con los referidos en los que trabaja desde su último resumen:',
    footer:
      'Recibe esto porque trabaja en este referido. Elija en la aplicación qué novedades recibe por correo y cuándo.',
  },
} as const;

/** One event as a mail shows it: ids, the type, the status and the time; never the person. */
export interface MailEvent {
  type: NotificationType;
  referralId: string;
  status: string;
  occurredAt: Date;
  /** Absolute link into the app. */
  url: string;
}

const when = (date: Date, language: MailLanguage, timeZone: string) =>
  new Intl.DateTimeFormat(language === 'es' ? 'es-US' : 'en-US', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(date);

function lines(event: MailEvent, language: MailLanguage, timeZone: string): string[] {
  const w = WORDS[language];
  return [
    `${SUBJECTS[language][event.type]} (${when(event.occurredAt, language, timeZone)}).`,
    `${w.status}: ${STATUS[language][event.status] ?? event.status}`,
    `${w.open}: ${event.url}`,
  ];
}

/** The mail for one event, in the person's language. */
export function eventMail(
  event: MailEvent,
  person: { displayName: string; language: MailLanguage; timeZone: string },
): { subject: string; text: string } {
  const w = WORDS[person.language];
  return {
    subject: SUBJECTS[person.language][event.type],
    text: [
      w.hello(person.displayName),
      '',
      ...lines(event, person.language, person.timeZone),
      '',
      w.footer,
    ].join('\n'),
  };
}

/** One mail listing the day's events. */
export function digestMail(
  events: MailEvent[],
  person: { displayName: string; language: MailLanguage; timeZone: string },
): { subject: string; text: string } {
  const w = WORDS[person.language];
  return {
    subject: w.digest(events.length),
    text: [
      w.hello(person.displayName),
      '',
      w.digestIntro,
      '',
      ...events.flatMap((e) => [
        ...lines(e, person.language, person.timeZone).map((l, i) => (i ? `  ${l}` : `- ${l}`)),
        '',
      ]),
      w.footer,
    ].join('\n'),
  };
}
