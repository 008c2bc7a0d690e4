import type { MessageTable } from './message-table';

/** The notifications bell and screen (see messages.ts). */
export const NOTIFICATION_MESSAGES = {
  notificationsHeading: { en: 'Notifications', es: 'Notificaciones' },
  notificationsNone: {
    en: 'Nothing new. Changes to the referrals you work on appear here.',
    es: 'No hay novedades. Aquí aparecen los cambios en los referidos con los que trabaja.',
  },
  notificationsFailed: {
    en: 'Notifications could not be loaded. Check your connection and try again.',
    es: 'No se pudieron cargar las notificaciones. Revise su conexión e inténtelo de nuevo.',
  },
  notificationNew: { en: 'New', es: 'Nueva' },
  notificationWhat: {
    en: '{type, select, REFERRAL_REQUESTED {New referral received} REFERRAL_ACCEPTED {Referral accepted} REFERRAL_REJECTED {Referral declined} REFERRAL_ON_HOLD {Referral put on hold} REFERRAL_IN_PROGRESS {Referral started} REFERRAL_COMPLETED {Referral completed} REFERRAL_FAILED {The organization could not help} REFERRAL_CANCELLED {Referral cancelled} REFERRAL_ENTERED_IN_ERROR {Referral marked as entered in error} NOTE_ADDED {New note} PEER_ASSIGNED {Peer assigned} CONSENT_REVOKED {Consent revoked} REFERRAL_RESPONSE_DUE {A referral is waiting for your answer} REFERRAL_OVERDUE {A referral is past its response target} REFERRAL_DISCHARGE_URGENT {Discharge within 24 hours and not accepted yet} WEBHOOK_ENDPOINT_DISABLED {A webhook endpoint was turned off: its deliveries kept failing} other {Referral changed}}',
    es: '{type, select, REFERRAL_REQUESTED {Nuevo referido recibido} REFERRAL_ACCEPTED {Referido aceptado} REFERRAL_REJECTED {Referido rechazado} REFERRAL_ON_HOLD {Referido puesto en espera} REFERRAL_IN_PROGRESS {Referido empezado} REFERRAL_COMPLETED {Referido completado} REFERRAL_FAILED {La organización no pudo ayudar} REFERRAL_CANCELLED {Referido cancelado} REFERRAL_ENTERED_IN_ERROR {Referido marcado como registrado por error} NOTE_ADDED {Nota nueva} PEER_ASSIGNED {Par asignado} CONSENT_REVOKED {Consentimiento revocado} REFERRAL_RESPONSE_DUE {Un referido espera su respuesta} REFERRAL_OVERDUE {Un referido pasó su plazo de respuesta} REFERRAL_DISCHARGE_URGENT {Alta en menos de 24 horas y aún sin aceptar} WEBHOOK_ENDPOINT_DISABLED {Se desactivó un webhook: sus entregas seguían fallando} other {Referido cambiado}}',
  },
  notificationReferralTo: { en: 'Referral to {listing}', es: 'Referido a {listing}' },
  notificationReferral: { en: 'Open the referral', es: 'Abrir el referido' },
  notificationOrganization: {
    en: 'Your organization’s settings',
    es: 'La configuración de su organización',
  },
  notificationStatus: {
    en: 'Now: {status, select, DRAFT {Draft} REQUESTED {Waiting for an answer} ACCEPTED {Accepted} REJECTED {Declined} CANCELLED {Cancelled} IN_PROGRESS {In progress} ON_HOLD {On hold} COMPLETED {Completed} FAILED {Could not help} ENTERED_IN_ERROR {Entered in error} other {Unknown}}',
    es: 'Ahora: {status, select, DRAFT {Borrador} REQUESTED {Esperando respuesta} ACCEPTED {Aceptado} REJECTED {Rechazado} CANCELLED {Cancelado} IN_PROGRESS {En curso} ON_HOLD {En espera} COMPLETED {Completado} FAILED {No se pudo ayudar} ENTERED_IN_ERROR {Registrado por error} other {Desconocido}}',
  },
} as const satisfies MessageTable;
