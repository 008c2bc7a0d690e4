import type { MessageTable } from './message-table';

/**
 * The strings of Find and of the frame every screen shares (header, sign-in check), English and
 * Spanish side by side, as ICU messages (plurals and selects, never sentences glued together).
 * Spanish wording follows the project's English–Spanish glossary. This table comes with the first
 * load; each other screen's table is a `messages-*.ts` file beside this one, loaded with that
 * screen's chunk (i18n.ts `loadMessages`), so Find does not carry them. A key is in one table only
 * (messages.test.ts checks every table).
 */
export const FIND_MESSAGES = {
  appTitle: { en: 'Find help', es: 'Buscar ayuda' },
  search: { en: 'Search', es: 'Buscar' },
  searchHint: {
    en: 'E.g. shelter, food pantry, detox',
    es: 'Ej.: albergue, despensa, clínica',
  },
  needsHeading: { en: 'What do you need?', es: '¿Qué necesita?' },
  need: {
    en: '{need, select, bed {A bed tonight} food {Food} detox {Detox and MAT} mental {Mental health} clinic {Clinic} jobs {Jobs} dropin {Drop-in center} showers {Showers and clothes} legal {Legal help} other {Help}}',
    es: '{need, select, bed {Una cama esta noche} food {Comida} detox {Desintoxicación y MAT} mental {Salud mental} clinic {Clínica} jobs {Empleo} dropin {Centro de acogida} showers {Duchas y ropa} legal {Ayuda legal} other {Ayuda}}',
  },
  whereHeading: { en: 'Where?', es: '¿Dónde?' },
  nearMe: { en: 'Near me', es: 'Cerca de mí' },
  place: { en: 'City or ZIP code', es: 'Ciudad o código postal' },
  usePlace: { en: 'Use this place', es: 'Usar este lugar' },
  placeNotFound: {
    en: 'We could not find “{place}” in California. Try a city name or a 5-digit ZIP code.',
    es: 'No encontramos “{place}” en California. Pruebe con el nombre de una ciudad o un código postal de 5 dígitos.',
  },
  locating: { en: 'Finding where you are…', es: 'Buscando dónde está…' },
  locationOff: {
    en: 'We cannot see your location. Type a city or ZIP code instead.',
    es: 'No podemos ver su ubicación. Escriba una ciudad o un código postal.',
  },
  nearHere: { en: 'Near you', es: 'Cerca de usted' },
  nearPlace: { en: 'Near {place}', es: 'Cerca de {place}' },
  anywhere: { en: 'Anywhere', es: 'En cualquier lugar' },
  resultsHeading: { en: 'Results', es: 'Resultados' },
  resultCount: {
    en: '{exact, select, false {1,000+ results} other {{count, plural, one {# result} other {# results}}}}',
    es: '{exact, select, false {Más de 1000 resultados} other {{count, plural, one {# resultado} other {# resultados}}}}',
  },
  searching: { en: 'Searching…', es: 'Buscando…' },
  searchFailed: {
    en: 'Search is not available right now. Please try again.',
    es: 'La búsqueda no está disponible ahora. Inténtelo de nuevo.',
  },
  offlineResults: {
    en: 'You are offline. These results were saved {when}.',
    es: 'Sin conexión. Estos resultados se guardaron {when}.',
  },
  offlineNothing: {
    en: 'You are offline and there are no saved results yet.',
    es: 'Sin conexión y todavía no hay resultados guardados.',
  },
  showMore: { en: 'Show more', es: 'Mostrar más' },
  viewAs: { en: 'Show the results as', es: 'Mostrar los resultados como' },
  viewList: { en: 'List', es: 'Lista' },
  viewMap: { en: 'Map', es: 'Mapa' },
  mapLabel: { en: 'Map of the results', es: 'Mapa de los resultados' },
  mapFailed: {
    en: 'The map could not be loaded, so here is the list.',
    es: 'No se pudo cargar el mapa; aquí está la lista.',
  },
  filters: { en: 'Filters', es: 'Filtros' },
  filter: {
    en: '{filter, select, openNow {Open now} hasBeds {Has beds} acceptsReferrals {Accepts referrals} mediCal {Takes Medi-Cal} other {Filter}}',
    es: '{filter, select, openNow {Abierto ahora} hasBeds {Hay camas} acceptsReferrals {Acepta referidos} mediCal {Acepta Medi-Cal} other {Filtro}}',
  },
  withCount: { en: '{label} ({count, number})', es: '{label} ({count, number})' },
  language: { en: 'Language spoken', es: 'Idioma que hablan' },
  whoItServes: { en: 'Who it serves', es: 'A quién atiende' },
  anyOption: { en: 'Any', es: 'Cualquiera' },
  clearFilters: { en: 'Clear filters', es: 'Quitar filtros' },
  noResults: { en: 'No results.', es: 'Sin resultados.' },
  withoutFilter: {
    en: 'Without “{filter}”: {exact, select, false {1,000+ results} other {{count, plural, one {# result} other {# results}}}}',
    es: 'Sin “{filter}”: {exact, select, false {más de 1000 resultados} other {{count, plural, one {# resultado} other {# resultados}}}}',
  },
  withinDistance: {
    en: 'Within {miles, number} mi: {exact, select, false {1,000+ results} other {{count, plural, one {# result} other {# results}}}}',
    es: 'A menos de {miles, number} mi: {exact, select, false {más de 1000 resultados} other {{count, plural, one {# resultado} other {# resultados}}}}',
  },
  anywhereCount: {
    en: 'Anywhere: {exact, select, false {1,000+ results} other {{count, plural, one {# result} other {# results}}}}',
    es: 'En cualquier lugar: {exact, select, false {más de 1000 resultados} other {{count, plural, one {# resultado} other {# resultados}}}}',
  },
  tryFewerFilters: {
    en: 'Try fewer filters, another place or other words.',
    es: 'Pruebe con menos filtros, otro lugar u otras palabras.',
  },
  openUntil: {
    en: 'Open until {time}',
    es: '{hour, select, 1 {Abierto hasta la {time}} other {Abierto hasta las {time}}}',
  },
  openUntilTomorrow: {
    en: 'Open until {time} tomorrow',
    es: '{hour, select, 1 {Abierto hasta mañana a la {time}} other {Abierto hasta mañana a las {time}}}',
  },
  openAllDay: { en: 'Open 24 hours', es: 'Abierto las 24 horas' },
  opensToday: {
    en: 'Closed · opens at {time}',
    es: '{hour, select, 1 {Cerrado · abre a la {time}} other {Cerrado · abre a las {time}}}',
  },
  opensTomorrow: {
    en: 'Closed · opens at {time} tomorrow',
    es: '{hour, select, 1 {Cerrado · abre mañana a la {time}} other {Cerrado · abre mañana a las {time}}}',
  },
  opensOn: {
    en: 'Closed · opens {day} at {time}',
    es: '{hour, select, 1 {Cerrado · abre el {day} a la {time}} other {Cerrado · abre el {day} a las {time}}}',
  },
  closed: { en: 'Closed', es: 'Cerrado' },
  capacity: {
    en: '{hasMax, select, true {{available, number} of {maximum, number} {unit, select, beds {beds} appointments {appointments} slots {slots} other {places}} free} other {{available, plural, one {# {unit, select, beds {bed} appointment {appointment} other {place}} free} other {# {unit, select, beds {beds} appointments {appointments} slots {slots} other {places}} free}}}}',
    es: '{hasMax, select, true {{available, number} de {maximum, number} {unit, select, beds {camas libres} appointments {citas libres} slots {cupos libres} other {lugares libres}}} other {{available, plural, one {# {unit, select, beds {cama libre} appointments {cita libre} slots {cupo libre} other {lugar libre}}} other {# {unit, select, beds {camas libres} appointments {citas libres} slots {cupos libres} other {lugares libres}}}}}}',
  },
  updatedAgo: {
    en: 'updated {unit, select, now {just now} minutes {{n} min ago} hours {{n} h ago} other {{n, plural, one {# day} other {# days}} ago}}',
    es: 'actualizado {unit, select, now {ahora mismo} minutes {hace {n} min} hours {hace {n} h} other {hace {n, plural, one {# día} other {# días}}}}',
  },
  notVerified: { en: 'Not verified recently', es: 'Sin verificar recientemente' },
  speaks: { en: 'Speaks {languages}', es: 'Hablan {languages}' },
  distance: { en: '{miles, number} mi', es: '{miles, number} mi' },
  population: {
    en: '{p, select, PEOPLE_LEAVING_JAIL {People leaving jail} PEOPLE_LEAVING_PRISON {People leaving prison} PEOPLE_LEAVING_HOSPITAL {People leaving the hospital} PEOPLE_EXPERIENCING_HOMELESSNESS {People experiencing homelessness} PEOPLE_IN_RECOVERY {People in recovery} VETERANS {Veterans} FAMILIES {Families with children} YOUTH {Youth} TRANSITION_AGE_YOUTH {Young adults (16–24)} SENIORS {Older adults} WOMEN {Women} MEN {Men} LGBTQ {LGBTQ+ people} PEOPLE_WITH_DISABILITIES {People with disabilities} SURVIVORS_OF_VIOLENCE {Survivors of violence} IMMIGRANTS {Immigrants} PREGNANT_PEOPLE {Pregnant people} other {Others}}',
    es: '{p, select, PEOPLE_LEAVING_JAIL {Personas que salen de la cárcel} PEOPLE_LEAVING_PRISON {Personas que salen de prisión} PEOPLE_LEAVING_HOSPITAL {Personas que salen del hospital} PEOPLE_EXPERIENCING_HOMELESSNESS {Personas sin hogar} PEOPLE_IN_RECOVERY {Personas en recuperación} VETERANS {Veteranos} FAMILIES {Familias con niños} YOUTH {Jóvenes} TRANSITION_AGE_YOUTH {Jóvenes adultos (16–24)} SENIORS {Personas mayores} WOMEN {Mujeres} MEN {Hombres} LGBTQ {Personas LGBTQ+} PEOPLE_WITH_DISABILITIES {Personas con discapacidad} SURVIVORS_OF_VIOLENCE {Sobrevivientes de violencia} IMMIGRANTS {Inmigrantes} PREGNANT_PEOPLE {Personas embarazadas} other {Otros}}',
  },
  switchLanguage: { en: 'Español', es: 'English' },
  backToResults: { en: 'Back to search', es: 'Volver a la búsqueda' },
  loading: { en: 'Loading…', es: 'Cargando…' },
  listingMissing: {
    en: 'This listing is not available. It may have been removed.',
    es: 'Este servicio no está disponible. Puede que lo hayan quitado.',
  },
  call: { en: 'Call {phone}', es: 'Llamar al {phone}' },
  directions: { en: 'Directions', es: 'Cómo llegar' },
  openInMaps: { en: 'Open in a map', es: 'Abrir en un mapa' },
  textIt: { en: 'Text this to someone', es: 'Enviar por mensaje de texto' },
  share: { en: 'Share', es: 'Compartir' },
  shared: { en: 'Shared.', es: 'Compartido.' },
  print: { en: 'Print a handout', es: 'Imprimir una hoja' },
  save: { en: 'Save', es: 'Guardar' },
  signInToSave: { en: 'Sign in to save', es: 'Inicie sesión para guardar' },
  refer: { en: 'Refer', es: 'Referir' },
  reportProblem: { en: 'Report a problem', es: 'Reportar un problema' },
  signInToReport: {
    en: 'Sign in to report a problem with this listing.',
    es: 'Inicie sesión para reportar un problema con este servicio.',
  },
  signIn: { en: 'Sign in', es: 'Iniciar sesión' },
  hours: { en: 'Hours', es: 'Horario' },
  hoursLine: { en: '{day}: {from} – {to}', es: '{day}: {from} – {to}' },
  hoursIn: { en: 'Times in {zone}', es: 'Horas de {zone}' },
  address: { en: 'Address', es: 'Dirección' },
  eligibility: { en: 'Who can go', es: 'Quién puede ir' },
  howToApply: { en: 'How to get help', es: 'Cómo recibir ayuda' },
  documents: { en: 'What to bring', es: 'Qué traer' },
  fees: { en: 'Cost', es: 'Costo' },
  contact: { en: 'Contact', es: 'Contacto' },
  about: { en: 'About', es: 'Información' },
  transit: { en: 'Getting there', es: 'Cómo llegar en transporte' },
  accessibility: { en: 'Accessibility', es: 'Accesibilidad' },
  acceptsReferralsYes: { en: 'Accepts referrals', es: 'Acepta referidos' },
  smsBody: { en: '{name} · {details}', es: '{name} · {details}' },
  placeholder: {
    en: '{screen, select, saved {Saved places} referrals {Referrals} newReferral {Refer someone} inbox {Inbox} org {Your organization} signIn {Sign in} other {This screen}}',
    es: '{screen, select, saved {Lugares guardados} referrals {Referidos} newReferral {Referir a alguien} inbox {Bandeja de entrada} org {Su organización} signIn {Iniciar sesión} other {Esta pantalla}}',
  },
  findHelpLink: { en: 'Find help', es: 'Buscar ayuda' },
  mainNav: { en: 'Main', es: 'Principal' },
  savedLink: { en: 'Saved', es: 'Guardados' },
  signOut: { en: 'Sign out', es: 'Cerrar sesión' },
  screenLoadFailed: {
    en: 'This screen could not be loaded. Check your connection and try again.',
    es: 'No se pudo cargar esta pantalla. Revise su conexión e inténtelo de nuevo.',
  },
  savedOffline: {
    en: 'Saved on {when} — you are offline.',
    es: 'Guardado el {when}: está sin conexión.',
  },
  signInNeeded: {
    en: 'Sign in to use {screen, select, saved {your saved places} referrals {your referrals} newReferral {the referral form} inbox {the inbox} org {your organization’s page} notifications {your notifications} other {this screen}}.',
    es: 'Inicie sesión para usar {screen, select, saved {sus lugares guardados} referrals {sus referidos} newReferral {el formulario de referido} inbox {la bandeja de entrada} org {la página de su organización} notifications {sus notificaciones} other {esta pantalla}}.',
  },
  notForYou: {
    en: 'Your account cannot use this screen. Ask your organization’s manager if you need it.',
    es: 'Su cuenta no puede usar esta pantalla. Pida acceso al administrador de su organización si lo necesita.',
  },
  sessionUnknown: {
    en: 'We cannot reach the server to check your sign-in. Check your connection and try again.',
    es: 'No podemos comunicarnos con el servidor para comprobar su sesión. Revise su conexión e inténtelo de nuevo.',
  },
  tryAgain: { en: 'Try again', es: 'Intentar de nuevo' },
  referralsLink: { en: 'Referrals', es: 'Referidos' },
  inboxLink: { en: 'Inbox', es: 'Bandeja' },
  orgLink: { en: 'Organization', es: 'Organización' },
  referNeedsLine: { en: 'Needs: {needs}', es: 'Necesita: {needs}' },
  // Shown by both the referrer's and the receiver's screens (each its own chunk).
  inboxNeeds: { en: 'Needs', es: 'Necesidades' },
  inboxLanguage: { en: 'Preferred language', es: 'Idioma preferido' },
  inboxNotSaid: { en: 'Not given', es: 'No indicado' },
  inboxContact: { en: 'Contact', es: 'Contacto' },
  inboxDoNotContact: {
    en: 'Do not contact the person directly: go through the referrer or the peer.',
    es: 'No se comunique directamente con la persona: hágalo por medio de quien refirió o del par.',
  },
  notificationsLink: {
    en: '{count, plural, =0 {Notifications} one {Notifications, # unread} other {Notifications, # unread}}',
    es: '{count, plural, =0 {Notificaciones} one {Notificaciones, # sin leer} other {Notificaciones, # sin leer}}',
  },
} as const satisfies MessageTable;
