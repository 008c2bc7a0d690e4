import type { MessageTable } from './message-table';

const STATUS_EN =
  '{status, select, DRAFT {Draft} REQUESTED {Waiting for an answer} ACCEPTED {Accepted} REJECTED {Declined} CANCELLED {Cancelled} IN_PROGRESS {In progress} ON_HOLD {On hold} COMPLETED {Completed} FAILED {Could not help} ENTERED_IN_ERROR {Entered in error} other {Unknown}}';
const STATUS_ES =
  '{status, select, DRAFT {Borrador} REQUESTED {Esperando respuesta} ACCEPTED {Aceptado} REJECTED {Rechazado} CANCELLED {Cancelado} IN_PROGRESS {En curso} ON_HOLD {En espera} COMPLETED {Completado} FAILED {No se pudo ayudar} ENTERED_IN_ERROR {Registrado por error} other {Desconocido}}';
const SETTING_EN =
  '{setting, select, HOSPITAL {the hospital} JAIL {jail} PRISON {prison} CRISIS_UNIT {a crisis unit} other {the community}}';
const SETTING_ES =
  '{setting, select, HOSPITAL {el hospital} JAIL {la cárcel} PRISON {la prisión} CRISIS_UNIT {una unidad de crisis} other {la comunidad}}';
const REASON_EN =
  '{reason, select, NO_CAPACITY {No room} NOT_ELIGIBLE {Not eligible} SERVICE_NOT_OFFERED {Service not offered} PERSON_DECLINED {The person declined} UNABLE_TO_CONTACT {Could not reach the person} PERSON_UNAVAILABLE {The person is not available} AWAITING_DOCUMENTS {Waiting for documents} NO_LONGER_NEEDED {No longer needed} REFERRED_ELSEWHERE {Referred elsewhere} DUPLICATE {Duplicate} other {Other}}';
const REASON_ES =
  '{reason, select, NO_CAPACITY {No hay lugar} NOT_ELIGIBLE {No cumple los requisitos} SERVICE_NOT_OFFERED {No ofrecemos ese servicio} PERSON_DECLINED {La persona no aceptó} UNABLE_TO_CONTACT {No pudimos comunicarnos con la persona} PERSON_UNAVAILABLE {La persona no está disponible} AWAITING_DOCUMENTS {Esperando documentos} NO_LONGER_NEEDED {Ya no lo necesita} REFERRED_ELSEWHERE {Referido a otro lugar} DUPLICATE {Duplicado} other {Otro motivo}}';
const ROLE_EN =
  '{role, select, partner {a partner} discharge_planner {a discharge planner} peer {a peer} admin {an administrator} other {someone}}';
const ROLE_ES =
  '{role, select, partner {un socio} discharge_planner {un planificador de alta} peer {un par} admin {un administrador} other {otra persona}}';

/** The Answer workspace's strings: inbox, beds, listings, organization (see messages.ts). */
export const ANSWER_MESSAGES = {
  answerLoadFailed: {
    en: 'This could not be loaded. Check your connection and try again.',
    es: 'No se pudo cargar. Revise su conexión e inténtelo de nuevo.',
  },
  answerSaveFailed: {
    en: 'That was not saved. Please try again.',
    es: 'No se guardó. Inténtelo de nuevo.',
  },
  answerNoOrg: {
    en: 'Your account is not part of an organization.',
    es: 'Su cuenta no pertenece a ninguna organización.',
  },
  answerCancel: { en: 'Cancel', es: 'Cancelar' },
  answerConfirm: { en: 'Yes, {action}', es: 'Sí, {action}' },

  inboxWaitingHeading: {
    en: 'Waiting for an answer ({count, number})',
    es: 'Esperando respuesta ({count, number})',
  },
  inboxWorkingHeading: { en: 'In progress ({count, number})', es: 'En curso ({count, number})' },
  inboxNothingWaiting: {
    en: 'No referral is waiting for an answer.',
    es: 'Ningún referido espera respuesta.',
  },
  inboxShown: {
    en: 'Showing {shown, number} of {total, number}',
    es: 'Se muestran {shown, number} de {total, number}',
  },
  inboxNothingWorking: {
    en: 'No referral is being worked on.',
    es: 'No hay referidos en curso.',
  },
  inboxUnnamed: {
    en: 'Referral to {resource} (name not shared)',
    es: 'Referido a {resource} (nombre no compartido)',
  },
  inboxUnknownListing: { en: 'a listing', es: 'un servicio' },
  inboxUrgency: {
    en: '{urgency, select, ROUTINE {Routine} URGENT {Urgent} ASAP {As soon as possible} STAT {Immediately} other {Routine}}',
    es: '{urgency, select, ROUTINE {De rutina} URGENT {Urgente} ASAP {Lo antes posible} STAT {Inmediato} other {De rutina}}',
  },
  inboxStatus: { en: STATUS_EN, es: STATUS_ES },
  inboxWaited: {
    en: '{unit, select, now {{waiting, select, true {Just arrived} other {Sent just now}}} other {{waiting, select, true {Waiting} other {Sent}} {unit, select, minutes {{n, plural, one {# minute} other {# minutes}}} hours {{n, plural, one {# hour} other {# hours}}} other {{n, plural, one {# day} other {# days}}}}{waiting, select, true {} other { ago}}}}',
    es: '{unit, select, now {{waiting, select, true {Recién llegado} other {Enviado ahora mismo}}} other {{waiting, select, true {Esperando} other {Enviado hace}} {unit, select, minutes {{n, plural, one {# minuto} other {# minutos}}} hours {{n, plural, one {# hora} other {# horas}}} other {{n, plural, one {# día} other {# días}}}}}}',
  },
  inboxRespondBy: {
    en: 'Answer by {when}',
    es: 'Responder antes de {when}',
  },
  inboxOverdue: {
    en: 'Overdue: the answer was due {when}',
    es: 'Atrasado: la respuesta vencía el {when}',
  },
  inboxDischarge: {
    en: `Leaves ${SETTING_EN}: {when}`,
    es: `Sale de ${SETTING_ES}: {when}`,
  },
  inboxLeaving: { en: `Leaving ${SETTING_EN}`, es: `Sale de ${SETTING_ES}` },
  inboxBack: { en: 'Inbox', es: 'Bandeja de entrada' },
  inboxMissing: {
    en: 'This referral is not available to your organization.',
    es: 'Este referido no está disponible para su organización.',
  },
  inboxReason: { en: REASON_EN, es: REASON_ES },
  inboxListing: { en: 'Listing', es: 'Servicio' },
  inboxUrgencyLabel: { en: 'Urgency', es: 'Urgencia' },
  inboxLeavingLabel: { en: 'Leaving', es: 'Sale de' },
  inboxSetting: {
    en: '{setting, select, HOSPITAL {Hospital} JAIL {Jail} PRISON {Prison} CRISIS_UNIT {Crisis unit} other {Community}}',
    es: '{setting, select, HOSPITAL {Hospital} JAIL {Cárcel} PRISON {Prisión} CRISIS_UNIT {Unidad de crisis} other {Comunidad}}',
  },
  inboxDischargeLabel: { en: 'Expected discharge', es: 'Fecha de alta prevista' },
  inboxContactBy: {
    en: '{method, select, PHONE {Phone} SMS {Text} EMAIL {Email} other {Contact}}: {contact}',
    es: '{method, select, PHONE {Teléfono} SMS {Mensaje de texto} EMAIL {Correo} other {Contacto}}: {contact}',
  },
  inboxContactNotShared: {
    en: 'Contact details are not shared with you.',
    es: 'Los datos de contacto no se comparten con usted.',
  },
  inboxConsentHeading: {
    en: 'What the consent lets you see',
    es: 'Lo que el consentimiento le permite ver',
  },
  inboxNoConsent: {
    en: 'No consent covers your organization: you see the referral and its status, not who the person is.',
    es: 'Ningún consentimiento cubre a su organización: ve el referido y su estado, pero no quién es la persona.',
  },
  inboxConsentShares: {
    en: 'Consent shares {what}, until {until}.',
    es: 'El consentimiento comparte {what}, hasta el {until}.',
  },
  inboxInformation: {
    en: '{info, select, IDENTITY {who the person is} CONTACT {contact details} NEEDS {needs} DISCHARGE_PLAN {the discharge plan} SUBSTANCE_USE_TREATMENT {substance use treatment} other {other details}}',
    es: '{info, select, IDENTITY {quién es la persona} CONTACT {los datos de contacto} NEEDS {las necesidades} DISCHARGE_PLAN {el plan de alta} SUBSTANCE_USE_TREATMENT {el tratamiento por uso de sustancias} other {otros datos}}',
  },
  inboxStepsHeading: { en: 'Next step', es: 'Siguiente paso' },
  inboxStep: {
    en: '{to, select, ACCEPTED {Accept} REJECTED {Decline} IN_PROGRESS {Start} ON_HOLD {Put on hold} COMPLETED {Complete} FAILED {Could not help} CANCELLED {Cancel the referral} other {Change}}',
    es: '{to, select, ACCEPTED {Aceptar} REJECTED {Rechazar} IN_PROGRESS {Empezar} ON_HOLD {Poner en espera} COMPLETED {Completar} FAILED {No se pudo ayudar} CANCELLED {Cancelar el referido} other {Cambiar}}',
  },
  inboxMoved: { en: `Done: ${STATUS_EN}.`, es: `Listo: ${STATUS_ES}.` },
  inboxConflict: {
    en: `Someone else changed this referral first. It is now: ${STATUS_EN}, changed by ${ROLE_EN} on {at}. Nothing was overwritten; check it and choose again.`,
    es: `Otra persona cambió este referido antes. Ahora está: ${STATUS_ES}, cambiado por ${ROLE_ES} el {at}. No se sobrescribió nada; revíselo y elija de nuevo.`,
  },
  inboxStepFailed: {
    en: 'That step was not saved. Check what it asks for and try again.',
    es: 'Ese paso no se guardó. Revise lo que pide e inténtelo de nuevo.',
  },
  inboxNoSteps: {
    en: 'There is nothing more for your organization to do.',
    es: 'Su organización no tiene nada más que hacer.',
  },
  inboxReasonLabel: { en: 'Reason', es: 'Motivo' },
  inboxOutcomeLabel: { en: 'Outcome', es: 'Resultado' },
  inboxOutcome: {
    en: '{outcome, select, SERVICE_PROVIDED {Service provided} ENROLLED {Enrolled} PERSON_DECLINED {The person declined} UNABLE_TO_CONTACT {Could not reach the person} NOT_ELIGIBLE {Not eligible} NO_CAPACITY {No room} DID_NOT_ARRIVE {Did not arrive} other {Other}}',
    es: '{outcome, select, SERVICE_PROVIDED {Servicio prestado} ENROLLED {Inscrito} PERSON_DECLINED {La persona no aceptó} UNABLE_TO_CONTACT {No pudimos comunicarnos con la persona} NOT_ELIGIBLE {No cumple los requisitos} NO_CAPACITY {No hay lugar} DID_NOT_ARRIVE {No llegó} other {Otro}}',
  },
  inboxChoose: { en: 'Choose one', es: 'Elija una opción' },
  inboxWords: { en: 'In your words (optional)', es: 'En sus palabras (opcional)' },
  inboxWordsHint: {
    en: 'Shown only to those who may see who the person is.',
    es: 'Solo lo ven quienes pueden saber quién es la persona.',
  },
  inboxHistoryHeading: { en: 'History', es: 'Historial' },
  inboxEvent: {
    en: `{kind, select, CREATED {Created} STATUS_CHANGED {{to, select, DRAFT {Draft} REQUESTED {Sent} ACCEPTED {Accepted} REJECTED {Declined} CANCELLED {Cancelled} IN_PROGRESS {Started} ON_HOLD {Put on hold} COMPLETED {Completed} FAILED {Could not help} ENTERED_IN_ERROR {Entered in error} other {Changed}}} PEER_ASSIGNED {Peer assigned} NOTE_ADDED {Note added} CONSENT_RECORDED {Consent recorded} CONSENT_REVOKED {Consent revoked} other {Changed}}`,
    es: `{kind, select, CREATED {Creado} STATUS_CHANGED {{to, select, DRAFT {Borrador} REQUESTED {Enviado} ACCEPTED {Aceptado} REJECTED {Rechazado} CANCELLED {Cancelado} IN_PROGRESS {Empezado} ON_HOLD {Puesto en espera} COMPLETED {Completado} FAILED {No se pudo ayudar} ENTERED_IN_ERROR {Registrado por error} other {Cambiado}}} PEER_ASSIGNED {Par asignado} NOTE_ADDED {Nota agregada} CONSENT_RECORDED {Consentimiento registrado} CONSENT_REVOKED {Consentimiento revocado} other {Cambiado}}`,
  },
  inboxBy: { en: `by ${ROLE_EN}`, es: `por ${ROLE_ES}` },

  bedsHeading: { en: 'Beds and listings', es: 'Camas y servicios' },
  bedsNoListings: {
    en: 'Your organization has no listings yet.',
    es: 'Su organización todavía no tiene servicios.',
  },
  bedsNoCount: {
    en: 'This listing does not keep a count of free places.',
    es: 'Este servicio no lleva la cuenta de lugares libres.',
  },
  bedsCount: {
    en: '{unit, select, beds {Beds free} appointments {Appointments free} slots {Slots free} other {Places free}}',
    es: '{unit, select, beds {Camas libres} appointments {Citas libres} slots {Cupos libres} other {Lugares libres}}',
  },
  bedsCountAt: {
    en: '{unit, select, beds {Beds free} appointments {Appointments free} slots {Slots free} other {Places free}} at {site}',
    es: '{unit, select, beds {Camas libres} appointments {Citas libres} slots {Cupos libres} other {Lugares libres}} en {site}',
  },
  bedsFewer: {
    en: '{unit, select, beds {One bed fewer} other {One fewer}}',
    es: '{unit, select, beds {Una cama menos} other {Uno menos}}',
  },
  bedsMore: {
    en: '{unit, select, beds {One bed more} other {One more}}',
    es: '{unit, select, beds {Una cama más} other {Uno más}}',
  },
  bedsSave: { en: 'Save', es: 'Guardar' },
  bedsOf: { en: 'of {maximum, number}', es: 'de {maximum, number}' },
  bedsUnsaved: { en: 'not saved yet', es: 'todavía sin guardar' },
  bedsSaved: {
    en: 'Saved: {count, number} {unit, select, beds {beds} other {places}} free.',
    es: 'Guardado: {count, number} {unit, select, beds {camas libres} other {lugares libres}}.',
  },
  bedsFailed: {
    en: 'Not saved. {message}',
    es: 'No se guardó. {message}',
  },
  listingVerified: { en: 'Verified {when}', es: 'Verificado el {when}' },
  listingNeverVerified: { en: 'Never verified', es: 'Nunca verificado' },
  listingStillAccurate: { en: 'Still accurate', es: 'Sigue siendo correcto' },
  reportsHeading: {
    en: '{count, plural, one {# problem reported} other {# problems reported}}',
    es: '{count, plural, one {# problema reportado} other {# problemas reportados}}',
  },
  reportKind: {
    en: '{kind, select, CLOSED {Closed} WRONG_PHONE {Wrong phone} WRONG_ADDRESS {Wrong address} WRONG_HOURS {Wrong hours} NO_CAPACITY {No beds or places} other {Other problem}}',
    es: '{kind, select, CLOSED {Cerrado} WRONG_PHONE {Teléfono equivocado} WRONG_ADDRESS {Dirección equivocada} WRONG_HOURS {Horario equivocado} NO_CAPACITY {No hay camas ni lugares} other {Otro problema}}',
  },
  reportResolve: { en: 'Mark fixed', es: 'Marcar como resuelto' },
  orgManagersOnly: {
    en: 'Only your organization’s managers and directory administrators can manage its people and API keys.',
    es: 'Solo los administradores de su organización y del directorio pueden gestionar sus personas y claves de API.',
  },
  orgToInbox: { en: 'Go to the inbox', es: 'Ir a la bandeja de entrada' },
  orgMembersHeading: { en: 'People ({count, number})', es: 'Personas ({count, number})' },
  orgRole: {
    en: '{role, select, PEER {Peer} DISCHARGE_PLANNER {Discharge planner} PARTNER {Partner staff} ADMIN {Directory admin} other {Other}}',
    es: '{role, select, PEER {Par} DISCHARGE_PLANNER {Planificador de alta} PARTNER {Personal de la organización} ADMIN {Administrador del directorio} other {Otro}}',
  },
  orgRoleLabel: { en: 'Role', es: 'Función' },
  orgManager: { en: 'Manager', es: 'Administra la organización' },
  orgJoined: { en: 'joined {when}', es: 'se unió el {when}' },
  orgToggleManager: {
    en: '{manager, select, true {Stop managing} other {Make a manager}}',
    es: '{manager, select, true {Quitar la administración} other {Hacer administrador}}',
  },
  orgManagerChanged: {
    en: '{manager, select, true {{name} is now a manager.} other {{name} is no longer a manager.}}',
    es: '{manager, select, true {{name} ahora administra la organización.} other {{name} ya no administra la organización.}}',
  },
  orgRemove: { en: 'Remove', es: 'Quitar' },
  orgRemoveQuestion: {
    en: 'Remove {name} from your organization? They are signed out everywhere at once.',
    es: '¿Quitar a {name} de su organización? Su sesión se cierra en todas partes de inmediato.',
  },
  orgRemoveConfirm: { en: 'Yes, remove', es: 'Sí, quitar' },
  orgRemoved: { en: '{name} was removed.', es: 'Se quitó a {name}.' },
  orgInviteHeading: { en: 'Invite someone', es: 'Invitar a alguien' },
  orgInviteManager: {
    en: 'May manage people and API keys',
    es: 'Puede gestionar personas y claves de API',
  },
  orgInviteButton: { en: 'Send invitation', es: 'Enviar invitación' },
  orgInvited: {
    en: 'Invitation sent to {email}.',
    es: 'Se envió la invitación a {email}.',
  },
  orgInviteProblem: {
    en: '{code, select, BAD_USER_INPUT {Check the email address.} CONFLICT {This person is already a member or already invited.} FORBIDDEN {You may not invite this role.} other {The invitation was not sent. Please try again.}}',
    es: '{code, select, BAD_USER_INPUT {Revise el correo electrónico.} CONFLICT {Esta persona ya es miembro o ya tiene una invitación.} FORBIDDEN {No puede invitar con esta función.} other {No se envió la invitación. Inténtelo de nuevo.}}',
  },
  orgPendingHeading: {
    en: '{count, plural, one {# invitation waiting} other {# invitations waiting}}',
    es: '{count, plural, one {# invitación pendiente} other {# invitaciones pendientes}}',
  },
  orgInvitationExpires: { en: 'Expires {when}', es: 'Vence el {when}' },
  orgRevokeInvitation: { en: 'Revoke invitation', es: 'Revocar invitación' },
  orgRevokeInvitationQuestion: {
    en: 'Revoke the invitation to {email}? The link in their email stops working.',
    es: '¿Revocar la invitación a {email}? El enlace de su correo dejará de funcionar.',
  },
  orgRevokeConfirm: { en: 'Yes, revoke', es: 'Sí, revocar' },
  orgKeysHeading: { en: 'API keys ({count, number})', es: 'Claves de API ({count, number})' },
  orgKeysLead: {
    en: 'For your own systems, e.g. a bed board that updates counts. A system sends its key after “Authorization: Bearer”.',
    es: 'Para sus propios sistemas, por ejemplo un tablero de camas que actualiza la cuenta. Un sistema envía su clave después de “Authorization: Bearer”.',
  },
  orgSecretLabel: { en: 'Your new key', es: 'Su nueva clave' },
  orgSecretHint: {
    en: 'Copy it now and keep it safe: it is shown only this once.',
    es: 'Cópiela ahora y guárdela en un lugar seguro: solo se muestra esta vez.',
  },
  orgCopy: { en: 'Copy the key', es: 'Copiar la clave' },
  orgCopied: { en: 'Copied.', es: 'Copiada.' },
  orgScope: {
    en: '{scope, select, CAPACITY_WRITE {Update beds} LISTINGS_WRITE {Edit listings} REFERRALS_ANSWER {Answer referrals} other {Other}}',
    es: '{scope, select, CAPACITY_WRITE {Actualizar camas} LISTINGS_WRITE {Editar servicios} REFERRALS_ANSWER {Responder referidos} other {Otro}}',
  },
  orgKeyCreated: { en: 'Created {when}', es: 'Creada el {when}' },
  orgKeyUsed: { en: 'last used: {ago}', es: 'último uso: {ago}' },
  orgKeyNeverUsed: { en: 'never used', es: 'nunca usada' },
  orgRevokeKey: { en: 'Revoke key', es: 'Revocar clave' },
  orgRevokeKeyQuestion: {
    en: 'Revoke “{name}”? Systems using it stop working at once.',
    es: '¿Revocar “{name}”? Los sistemas que la usan dejan de funcionar de inmediato.',
  },
  orgNewKeyHeading: { en: 'Create a key', es: 'Crear una clave' },
  orgKeyName: { en: 'Name (what uses it)', es: 'Nombre (qué la usa)' },
  orgKeyScopes: { en: 'What it may do', es: 'Qué puede hacer' },
  orgKeyProblem: {
    en: 'The key was not created. Please try again.',
    es: 'No se creó la clave. Inténtelo de nuevo.',
  },
  orgCreateKey: { en: 'Create key', es: 'Crear clave' },
  listingEdit: { en: 'Edit the listing', es: 'Editar el servicio' },
  listingEditSaved: {
    en: 'Your changes to the listing were saved.',
    es: 'Se guardaron sus cambios en el servicio.',
  },
  editField: {
    en: '{field, select, description {Description} eligibility {Who can go} languages {Languages staff speak} other {Field}}',
    es: '{field, select, description {Descripción} eligibility {Quién puede ir} languages {Idiomas que habla el personal} other {Campo}}',
  },
  editHoursAt: {
    en: '{several, select, true {Hours at {site}} other {Hours}}',
    es: '{several, select, true {Horario en {site}} other {Horario}}',
  },
  editHoursHint: {
    en: 'In the place’s own time. A closing time earlier than the opening runs past midnight.',
    es: 'En la hora del lugar. Si cierra antes de la hora de apertura, el horario pasa de la medianoche.',
  },
  editOpens: { en: 'Opens', es: 'Abre' },
  editCloses: { en: 'Closes', es: 'Cierra' },
  editHoursInvalid: {
    en: 'Give an opening and a closing time for each open day, or mark the day closed.',
    es: 'Indique la hora de apertura y de cierre de cada día abierto, o marque el día como cerrado.',
  },
  editRefused: { en: 'Not saved: {message}', es: 'No se guardó: {message}' },
  editSave: { en: 'Save the listing', es: 'Guardar el servicio' },
  editSaveMerged: { en: 'Save these choices', es: 'Guardar estas opciones' },
  editEmpty: { en: '(empty)', es: '(vacío)' },
  editDayClosed: { en: '{day}: closed', es: '{day}: cerrado' },
  editConflictHeading: {
    en: 'Someone else saved this listing while you were editing',
    es: 'Otra persona guardó este servicio mientras usted lo editaba',
  },
  editConflictLead: {
    en: '{count, plural, one {You both changed one field. Choose which version to keep; nothing is saved until you do.} other {You both changed # fields. Choose which version to keep for each; nothing is saved until you do.}}',
    es: '{count, plural, one {Los dos cambiaron un campo. Elija qué versión conservar; no se guarda nada hasta que elija.} other {Los dos cambiaron # campos. Elija qué versión conservar en cada uno; no se guarda nada hasta que elija.}}',
  },
  editConflictKept: {
    en: 'Your other changes are kept: {fields}.',
    es: 'Sus otros cambios se conservan: {fields}.',
  },
  editYours: { en: 'Yours', es: 'La suya' },
  editTheirs: { en: 'Saved by someone else', es: 'Guardada por otra persona' },
  editKeepMine: { en: 'Keep yours', es: 'Conservar la suya' },
  editTakeTheirs: { en: 'Take theirs', es: 'Usar la de la otra persona' },
} as const satisfies MessageTable;
