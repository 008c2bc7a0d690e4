import type { MessageTable } from './message-table';

/** The Refer workspace's strings (see messages.ts). */
export const REFER_MESSAGES = {
  referHeading: { en: 'Refer someone', es: 'Referir a alguien' },
  referTo: {
    en: 'To {resource}, run by {organization}.',
    es: 'A {resource}, de {organization}.',
  },
  referStep: { en: 'Step {step} of {steps}', es: 'Paso {step} de {steps}' },
  referCheckFields: {
    en: '{count, plural, one {Check the field marked below.} other {Check the # fields marked below.}}',
    es: '{count, plural, one {Revise el campo marcado abajo.} other {Revise los # campos marcados abajo.}}',
  },
  referProblem: {
    en: '{problem, select, required {Fill this in.} chooseOne {Choose at least one.} phone {Enter a phone number with its area code.} past {Choose today or a later day.} tooFar {Choose a day within a year.} identity {Who the person is must be included: without it nothing can be shared.} revocation {Tell the person they can take back their consent, then check this.} expiryPast {Choose a day after today.} expiryBeforeSigned {Choose a day after the day they signed.} signedFuture {The day they signed cannot be in the future.} signedOld {The signature must be from the last 12 months.} tooLong {This is too long.} other {Check this.}}',
    es: '{problem, select, required {Complete este campo.} chooseOne {Elija al menos una opción.} phone {Escriba un número de teléfono con su código de área.} past {Elija hoy o un día posterior.} tooFar {Elija un día dentro del próximo año.} identity {Debe incluir quién es la persona: sin eso no se puede compartir nada.} revocation {Dígale a la persona que puede retirar su consentimiento y luego marque esto.} expiryPast {Elija un día después de hoy.} expiryBeforeSigned {Elija un día después del día en que firmó.} signedFuture {El día de la firma no puede ser en el futuro.} signedOld {La firma debe ser de los últimos 12 meses.} tooLong {Es demasiado largo.} other {Revise este campo.}}',
  },
  referListingProblem: {
    en: '{problem, select, missing {We could not find this listing.} closed {This listing does not accept referrals.} other {We could not load this listing. Check your connection and try again.}}',
    es: '{problem, select, missing {No encontramos este servicio.} closed {Este servicio no acepta referidos.} other {No pudimos cargar este servicio. Revise su conexión e intente de nuevo.}}',
  },
  referPersonHeading: { en: 'The person', es: 'La persona' },
  referThePerson: { en: 'the person', es: 'la persona' },
  referDisplayName: { en: 'What to call them', es: 'Cómo llamarle' },
  referDisplayNameHint: {
    en: 'A first name and initial is enough, e.g. “Maria G.”',
    es: 'Basta con el nombre y una inicial, p. ej. “María G.”',
  },
  referLanguage: { en: 'Language they prefer', es: 'Idioma que prefiere' },
  referLanguageNone: { en: 'Not known', es: 'No se sabe' },
  referContactMethod: { en: 'How to reach them', es: 'Cómo comunicarse con la persona' },
  referContactOption: {
    en: '{method, select, PHONE {Phone call} SMS {Text message} other {Not directly: through me}}',
    es: '{method, select, PHONE {Llamada} SMS {Mensaje de texto} other {No directamente: a través de mí}}',
  },
  referPhone: { en: 'Phone number', es: 'Número de teléfono' },
  referNeeds: { en: 'What they need here', es: 'Qué necesita aquí' },
  referSetting: { en: 'Where they are leaving', es: 'De dónde sale' },
  referSettingOption: {
    en: '{setting, select, HOSPITAL {Hospital} JAIL {Jail} PRISON {Prison} CRISIS_UNIT {Crisis unit} other {The community}}',
    es: '{setting, select, HOSPITAL {Hospital} JAIL {Cárcel} PRISON {Prisión} CRISIS_UNIT {Unidad de crisis} other {La comunidad}}',
  },
  referDischarge: { en: 'Discharge date', es: 'Fecha de alta' },
  referDischargeHint: {
    en: 'When they are expected to leave, if known.',
    es: 'Cuándo se espera que salga, si se sabe.',
  },
  referUrgency: { en: 'How soon', es: 'Qué tan pronto' },
  referUrgencyOption: {
    en: '{urgency, select, ROUTINE {Routine} URGENT {Urgent} ASAP {As soon as possible} other {Immediately}}',
    es: '{urgency, select, ROUTINE {De rutina} URGENT {Urgente} ASAP {Lo antes posible} other {De inmediato}}',
  },
  referNotes: { en: 'Note for the organization', es: 'Nota para la organización' },
  referNotesHint: {
    en: 'Optional. Only what they need to serve the person.',
    es: 'Opcional. Solo lo que necesitan para atender a la persona.',
  },
  referNext: { en: 'Next', es: 'Siguiente' },
  referBack: { en: 'Back', es: 'Atrás' },
  referConsentHeading: { en: 'Consent to share', es: 'Consentimiento para compartir' },
  referConsentLead: {
    en: 'Federal law (42 CFR Part 2) protects records of substance use treatment. Go through each part with {name} before anything is shared.',
    es: 'La ley federal (42 CFR Parte 2) protege los registros de tratamiento por uso de sustancias. Repase cada parte con {name} antes de compartir nada.',
  },
  referWho: { en: 'Who shares the information', es: 'Quién comparte la información' },
  referWhoHint: {
    en: 'Your program, e.g. “Highland Hospital Social Work”.',
    es: 'Su programa, p. ej. “Trabajo Social del Hospital Highland”.',
  },
  referWhat: { en: 'What may be shared', es: 'Qué se puede compartir' },
  referInformation: {
    en: '{item, select, IDENTITY {Who they are (name, and any notes)} CONTACT {How to reach them} NEEDS {What they need} DISCHARGE_PLAN {When they leave} other {That a need is substance use treatment}}',
    es: '{item, select, IDENTITY {Quién es (nombre y cualquier nota)} CONTACT {Cómo comunicarse con la persona} NEEDS {Qué necesita} DISCHARGE_PLAN {Cuándo sale} other {Que una necesidad es tratamiento por uso de sustancias}}',
  },
  referToWhom: { en: 'Who receives it', es: 'Quién lo recibe' },
  referToWhomText: {
    en: '{organization}, the organization that receives this referral.',
    es: '{organization}, la organización que recibe este referido.',
  },
  referWhy: { en: 'Why it is shared', es: 'Para qué se comparte' },
  referWhyHint: {
    en: 'E.g. “to arrange housing after discharge”.',
    es: 'P. ej. “para conseguir vivienda después del alta”.',
  },
  referUntil: { en: 'Until when', es: 'Hasta cuándo' },
  referUntilHint: {
    en: 'The consent ends at the end of this day.',
    es: 'El consentimiento termina al final de este día.',
  },
  referRevoke: { en: 'Taking it back', es: 'Retirarlo' },
  referRevokeText: {
    en: '{name} can take back this consent at any time, except for what was already shared.',
    es: '{name} puede retirar este consentimiento en cualquier momento, salvo lo que ya se compartió.',
  },
  referRevokeTold: {
    en: 'I told {name} they can take it back',
    es: 'Le dije a {name} que puede retirarlo',
  },
  referHow: { en: 'How they gave consent', es: 'Cómo dio su consentimiento' },
  referMethod: {
    en: '{method, select, WRITTEN_SIGNATURE {Signed on paper} other {Signed electronically}}',
    es: '{method, select, WRITTEN_SIGNATURE {Firmó en papel} other {Firmó electrónicamente}}',
  },
  referSigner: { en: 'Who signed', es: 'Quién firmó' },
  referSignerOption: {
    en: '{signer, select, PATIENT {{name}} other {Someone authorized to sign for them}}',
    es: '{signer, select, PATIENT {{name}} other {Alguien autorizado a firmar por la persona}}',
  },
  referRelationship: { en: 'Their authority', es: 'Su autoridad' },
  referRelationshipHint: { en: 'E.g. “legal guardian”.', es: 'P. ej. “tutor legal”.' },
  referSignedOn: { en: 'Day they signed', es: 'Día en que firmó' },
  referRedisclosure: {
    en: 'Whoever receives this is told, with the 42 CFR Part 2 notice, that they may not share it further without the person’s consent.',
    es: 'Quien lo reciba recibe también el aviso de 42 CFR Parte 2: no puede volver a compartirlo sin el consentimiento de la persona.',
  },
  referReviewHeading: { en: 'Check and send', es: 'Revisar y enviar' },
  referConsentSummary: {
    en: '{who} may share with {organization} until {until}:',
    es: '{who} puede compartir con {organization} hasta el {until}:',
  },
  referDeviceNotice: {
    en: 'Until it is sent, this referral is kept only on this device, and it is removed from it once sent.',
    es: 'Hasta que se envíe, este referido se guarda solo en este dispositivo, y se borra de él al enviarse.',
  },
  referSend: { en: 'Send referral', es: 'Enviar referido' },
  referSending: { en: 'Sending…', es: 'Enviando…' },
  referRefused: {
    en: 'It was not sent: {message} ({code})',
    es: 'No se envió: {message} ({code})',
  },
  referQueuedHeading: { en: 'Waiting for a connection', es: 'Esperando conexión' },
  referQueued: {
    en: 'The referral for {name} is saved on this device only. It will be sent once, when you are back online.',
    es: 'El referido de {name} está guardado solo en este dispositivo. Se enviará una sola vez, cuando vuelva a tener conexión.',
  },
  referMyReferrals: { en: 'My referrals', es: 'Mis referidos' },
  referOutboxHeading: { en: 'Not sent yet', es: 'Aún sin enviar' },
  referWaitingToSend: {
    en: 'Will be sent when you are back online.',
    es: 'Se enviará cuando vuelva a tener conexión.',
  },
  referDiscard: { en: 'Discard referral for {name}', es: 'Descartar el referido de {name}' },
  referLoadFailed: {
    en: 'We could not load your referrals. Check your connection and try again.',
    es: 'No pudimos cargar sus referidos. Revise su conexión e intente de nuevo.',
  },
  referMissing: { en: 'We could not find this referral.', es: 'No encontramos este referido.' },
  referNone: { en: 'You have not made any referrals yet.', es: 'Aún no ha hecho referidos.' },
  referStatus: {
    en: '{status, select, DRAFT {Draft} REQUESTED {Sent} ACCEPTED {Accepted} REJECTED {Declined} CANCELLED {Cancelled} IN_PROGRESS {In progress} ON_HOLD {On hold} COMPLETED {Completed} FAILED {Did not work out} other {Entered in error}}',
    es: '{status, select, DRAFT {Borrador} REQUESTED {Enviado} ACCEPTED {Aceptado} REJECTED {Rechazado} CANCELLED {Cancelado} IN_PROGRESS {En curso} ON_HOLD {En espera} COMPLETED {Completado} FAILED {No funcionó} other {Registrado por error}}',
  },
  referWaiting: {
    en: '{unit, select, now {Sent just now} minutes {{n, plural, one {Waiting # minute} other {Waiting # minutes}}} hours {{n, plural, one {Waiting # hour} other {Waiting # hours}}} other {{n, plural, one {Waiting # day} other {Waiting # days}}}}',
    es: '{unit, select, now {Enviado ahora mismo} minutes {{n, plural, one {Esperando # minuto} other {Esperando # minutos}}} hours {{n, plural, one {Esperando # hora} other {Esperando # horas}}} other {{n, plural, one {Esperando # día} other {Esperando # días}}}}',
  },
  referNoticeHeading: {
    en: 'Confidentiality notice (42 CFR Part 2)',
    es: 'Aviso de confidencialidad (42 CFR Parte 2)',
  },
  referReceiving: { en: 'Receiving organization', es: 'Organización que lo recibe' },
  referPeer: { en: 'Peer support specialist', es: 'Especialista de apoyo entre pares' },
  referNoPeer: { en: 'None assigned', es: 'Sin asignar' },
  referTimeline: { en: 'What happened', es: 'Qué pasó' },
  referEvent: {
    en: '{kind, select, CREATED {Created: {to, select, DRAFT {draft} other {sent}}} STATUS_CHANGED {{to, select, ACCEPTED {Accepted} REJECTED {Declined} CANCELLED {Cancelled} IN_PROGRESS {In progress} ON_HOLD {On hold} COMPLETED {Completed} FAILED {Did not work out} REQUESTED {Sent} other {Status changed}}} PEER_ASSIGNED {Peer assigned} NOTE_ADDED {Note added} CONSENT_RECORDED {Consent recorded} other {Consent revoked}}',
    es: '{kind, select, CREATED {Creado: {to, select, DRAFT {borrador} other {enviado}}} STATUS_CHANGED {{to, select, ACCEPTED {Aceptado} REJECTED {Rechazado} CANCELLED {Cancelado} IN_PROGRESS {En curso} ON_HOLD {En espera} COMPLETED {Completado} FAILED {No funcionó} REQUESTED {Enviado} other {Cambió el estado}}} PEER_ASSIGNED {Especialista asignado} NOTE_ADDED {Nota agregada} CONSENT_RECORDED {Consentimiento registrado} other {Consentimiento retirado}}',
  },
  referReason: {
    en: '{code, select, NO_CAPACITY {No room} NOT_ELIGIBLE {Not eligible} SERVICE_NOT_OFFERED {Service not offered} PERSON_DECLINED {The person declined} UNABLE_TO_CONTACT {Could not reach the person} PERSON_UNAVAILABLE {The person is unavailable} AWAITING_DOCUMENTS {Waiting for documents} NO_LONGER_NEEDED {No longer needed} REFERRED_ELSEWHERE {Referred elsewhere} DUPLICATE {Duplicate} other {Other reason}}',
    es: '{code, select, NO_CAPACITY {Sin cupo} NOT_ELIGIBLE {No cumple los requisitos} SERVICE_NOT_OFFERED {No ofrecen el servicio} PERSON_DECLINED {La persona no aceptó} UNABLE_TO_CONTACT {No se pudo contactar a la persona} PERSON_UNAVAILABLE {La persona no está disponible} AWAITING_DOCUMENTS {Esperando documentos} NO_LONGER_NEEDED {Ya no se necesita} REFERRED_ELSEWHERE {Referido a otro lugar} DUPLICATE {Duplicado} other {Otro motivo}}',
  },
  referYou: { en: 'You', es: 'Usted' },
  referRole: {
    en: '{role, select, partner {Receiving organization} discharge_planner {Discharge planner} peer {Peer support specialist} admin {Administrator} other {Someone}}',
    es: '{role, select, partner {Organización que lo recibe} discharge_planner {Planificador de alta} peer {Especialista de apoyo entre pares} admin {Administrador} other {Alguien}}',
  },
  referNotesHeading: { en: 'Notes', es: 'Notas' },
  referNoNotes: { en: 'No notes yet.', es: 'Aún no hay notas.' },
  referAddNote: { en: 'Add a note', es: 'Agregar una nota' },
  referAddNoteButton: { en: 'Add note', es: 'Agregar nota' },
  referCancelHeading: { en: 'Cancel this referral', es: 'Cancelar este referido' },
  referCancelReason: { en: 'Why', es: 'Por qué' },
  referCancelButton: { en: 'Cancel referral', es: 'Cancelar referido' },
  referPeersHeading: { en: 'Suggested peers', es: 'Especialistas sugeridos' },
  referPeersNone: {
    en: 'No peer with free places fits this referral right now.',
    es: 'Ahora mismo ningún especialista con lugares libres encaja con este referido.',
  },
  referPeerWhy: { en: 'Why this peer:', es: 'Por qué este especialista:' },
  referPeerFactor: {
    en: '{kind, select, LANGUAGE {Language} LIVED_EXPERIENCE {Lived experience} SPECIALIZATION {Specialization} PRONOUNS {Pronouns} DISTANCE {Distance} COUNTY {County} CAPACITY {Free places} AVAILABILITY {Availability} other {Other}}',
    es: '{kind, select, LANGUAGE {Idioma} LIVED_EXPERIENCE {Experiencia vivida} SPECIALIZATION {Especialización} PRONOUNS {Pronombres} DISTANCE {Distancia} COUNTY {Condado} CAPACITY {Lugares libres} AVAILABILITY {Disponibilidad} other {Otro}}',
  },
  // The API's reasons as data (kind plus its facts), said here in each language.
  referPeerReason: {
    en: '{kind, select, LANGUAGE {speaks {languages}} LIVED_EXPERIENCE {{area, select, MENTAL_HEALTH {mental health recovery} SUBSTANCE_USE {substance use recovery} JUSTICE_INVOLVEMENT {has been through the justice system} HOMELESSNESS {has experienced homelessness} VETERAN {a veteran} FAMILY_MEMBER {as a family member or caregiver} LGBTQ {LGBTQ+} FOSTER_CARE {foster care} DOMESTIC_VIOLENCE {domestic violence} IMMIGRATION {immigration} DISABILITY {disability} other {shares lived experience asked for}}} SPECIALIZATION {{specialization, select, PARENT_CAREGIVER_FAMILY {certified in parent, caregiver and family peer support} CRISIS_CARE {certified in crisis care} UNHOUSED {certified in supporting people who are unhoused} JUSTICE_INVOLVED {certified in supporting people leaving jail or prison} other {certified}}} PRONOUNS {uses {pronouns} pronouns} DISTANCE {{distance} away} COUNTY {serves {county}} CAPACITY {{open} of {capacity}} AVAILABILITY {{availability, select, AVAILABLE {available now} LIMITED {limited availability} other {not taking new people now}}} other {{reason}}}',
    es: '{kind, select, LANGUAGE {habla {languages}} LIVED_EXPERIENCE {{area, select, MENTAL_HEALTH {recuperación en salud mental} SUBSTANCE_USE {recuperación del uso de sustancias} JUSTICE_INVOLVEMENT {ha pasado por el sistema de justicia} HOMELESSNESS {ha vivido sin hogar} VETERAN {es veterano} FAMILY_MEMBER {como familiar o cuidador} LGBTQ {LGBTQ+} FOSTER_CARE {cuidado de crianza} DOMESTIC_VIOLENCE {violencia doméstica} IMMIGRATION {inmigración} DISABILITY {discapacidad} other {comparte la experiencia vivida que se pidió}}} SPECIALIZATION {{specialization, select, PARENT_CAREGIVER_FAMILY {certificado en apoyo entre pares para padres, cuidadores y familias} CRISIS_CARE {certificado en atención en crisis} UNHOUSED {certificado en apoyo a personas sin hogar} JUSTICE_INVOLVED {certificado en apoyo a personas que salen de la cárcel o prisión} other {certificado}}} PRONOUNS {usa los pronombres {pronouns}} DISTANCE {a {distance}} COUNTY {atiende {county}} CAPACITY {{open} de {capacity}} AVAILABILITY {{availability, select, AVAILABLE {disponible ahora} LIMITED {disponibilidad limitada} other {no acepta personas nuevas ahora}}} other {{reason}}}',
  },
  referAssignPeer: { en: 'Assign {name}', es: 'Asignar a {name}' },
  referPeerAssigned: { en: 'Assigned to this referral', es: 'Asignado a este referido' },
  referPeerConflict: {
    en: 'Someone changed this referral meanwhile. Here it is as it is now; choose again.',
    es: 'Otra persona cambió este referido mientras tanto. Así está ahora; elija de nuevo.',
  },
  referCategory: {
    en: '{id, select, housing {Housing} emergency_shelter {Emergency shelter} transitional_housing {Transitional housing} recovery_residence {Recovery residence} permanent_supportive_housing {Permanent supportive housing} food {Food} food_bank {Food bank} food_pantry {Food pantry} meals {Meals} employment {Employment} job_training {Job training} job_placement {Job placement} reentry_employment {Re-entry employment} clinics {Clinics} primary_care {Primary care} mental_health {Mental health} substance_use_treatment {Substance use treatment} medication_for_addiction_treatment {Medication for addiction treatment (MAT)} dental {Dental care} peer_drop_in {Peer-run drop-in center} benefits {Benefits} legal_aid {Legal help} transportation {Transportation} clothing_hygiene {Clothing and hygiene} crisis {Crisis lines} other {Other}}',
    es: '{id, select, housing {Vivienda} emergency_shelter {Albergue de emergencia} transitional_housing {Vivienda de transición} recovery_residence {Residencia de recuperación} permanent_supportive_housing {Vivienda permanente con apoyo} food {Comida} food_bank {Banco de alimentos} food_pantry {Despensa de alimentos} meals {Comidas} employment {Empleo} job_training {Capacitación laboral} job_placement {Colocación laboral} reentry_employment {Empleo para la reinserción} clinics {Clínicas} primary_care {Atención primaria} mental_health {Salud mental} substance_use_treatment {Tratamiento por uso de sustancias} medication_for_addiction_treatment {Tratamiento con medicamentos para la adicción (MAT)} dental {Atención dental} peer_drop_in {Centro de acogida dirigido por pares} benefits {Beneficios} legal_aid {Ayuda legal} transportation {Transporte} clothing_hygiene {Ropa e higiene} crisis {Líneas de crisis} other {Otro}}',
  },
} as const satisfies MessageTable;
