import type { MessageTable } from './message-table';

/** Signing in, out, joining by invitation and choosing a new password (see messages.ts). */
export const ACCOUNT_MESSAGES = {
  email: { en: 'Email', es: 'Correo electrónico' },
  password: { en: 'Password', es: 'Contraseña' },
  newPassword: { en: 'New password', es: 'Contraseña nueva' },
  passwordHint: {
    en: 'At least 15 characters. A few ordinary words in a row make a good one.',
    es: 'Al menos 15 caracteres. Unas cuantas palabras comunes seguidas sirven bien.',
  },
  showPassword: { en: 'Show password', es: 'Mostrar contraseña' },
  authCode: {
    en: 'Code from your authenticator app',
    es: 'Código de su aplicación de autenticación',
  },
  authCodeHint: {
    en: 'Six digits, or one of your recovery codes.',
    es: 'Seis dígitos, o uno de sus códigos de recuperación.',
  },
  signInButton: { en: 'Sign in', es: 'Iniciar sesión' },
  signingIn: { en: 'Signing in…', es: 'Iniciando sesión…' },
  signedInAs: { en: 'Signed in as {name}', es: 'Sesión iniciada como {name}' },
  signInLead: {
    en: 'For peers, discharge planners and partner organizations. Anyone can search without signing in.',
    es: 'Para pares, planificadores de alta y organizaciones asociadas. Cualquiera puede buscar sin iniciar sesión.',
  },
  signInWithProvider: {
    en: 'Sign in with your organization’s account',
    es: 'Iniciar sesión con la cuenta de su organización',
  },
  forgotPassword: { en: 'Forgot your password?', es: '¿Olvidó su contraseña?' },
  resetHeading: { en: 'Get a new password', es: 'Obtener una contraseña nueva' },
  resetLead: {
    en: 'We will email you a link to choose a new password.',
    es: 'Le enviaremos por correo un enlace para elegir una contraseña nueva.',
  },
  resetSend: { en: 'Email me a link', es: 'Enviarme un enlace' },
  resetSent: {
    en: 'If an account uses {email}, a link is on its way. It works once and for a short time.',
    es: 'Si hay una cuenta con {email}, le enviamos un enlace. Sirve una sola vez y por poco tiempo.',
  },
  chooseHeading: { en: 'Choose a new password', es: 'Elija una contraseña nueva' },
  chooseButton: {
    en: 'Save the password and sign in',
    es: 'Guardar la contraseña e iniciar sesión',
  },
  passwordChanged: {
    en: 'Your password is changed. Sign in with the new one.',
    es: 'Su contraseña cambió. Inicie sesión con la nueva.',
  },
  joinHeading: { en: 'Join your team', es: 'Únase a su equipo' },
  joinLead: {
    en: 'You were invited to the referral hub. Choose the name your team sees and a password.',
    es: 'Le invitaron a la red de referidos. Elija el nombre que verá su equipo y una contraseña.',
  },
  displayName: { en: 'Your name', es: 'Su nombre' },
  joinButton: { en: 'Create my account', es: 'Crear mi cuenta' },
  backToSignIn: { en: 'Back to sign in', es: 'Volver a iniciar sesión' },
  authError: {
    en: '{code, select, INVALID_CREDENTIALS {The email or password is not right.} RATE_LIMITED {Too many tries. Wait {minutes, plural, one {# minute} other {# minutes}} and try again.} SECOND_FACTOR_REQUIRED {Enter the code from your authenticator app.} SECOND_FACTOR_FAILED {That code did not work. Codes change every 30 seconds.} INVALID_CODE {That code did not work. Codes change every 30 seconds.} TOTP_ENROLMENT_REQUIRED {This account needs an authenticator app before it can sign in. Ask a directory administrator to help you set it up.} PASSWORD_TOO_SHORT {Choose a password of at least 15 characters.} PASSWORD_TOO_LONG {Choose a password of at most 128 characters.} PASSWORD_TOO_COMMON {Many people use this password. Choose another: a few unrelated words work well.} INVITATION_INVALID {This invitation link does not work. Ask for a new one.} INVITATION_USED {This invitation was already used. Sign in instead.} INVITATION_EXPIRED {This invitation has expired. Ask for a new one.} RESET_INVALID {This link does not work. Ask for a new one.} RESET_EXPIRED {This link has expired. Ask for a new one.} OIDC_UNKNOWN_EMAIL {Your organization’s account is not invited here yet. Ask your manager for an invitation.} OIDC_NOT_INVITED {Your organization’s account is not invited here yet. Ask your manager for an invitation.} OIDC_EMAIL_UNVERIFIED {Your organization’s account has no verified email. Ask its administrator.} OIDC_NO_EMAIL {Your organization’s account has no verified email. Ask its administrator.} OFFLINE {You are offline. Connect and try again.} BAD_USER_INPUT {Check what you typed.} other {Signing in is not available right now. Try again shortly.}}',
    es: '{code, select, INVALID_CREDENTIALS {El correo o la contraseña no son correctos.} RATE_LIMITED {Demasiados intentos. Espere {minutes, plural, one {# minuto} other {# minutos}} e inténtelo de nuevo.} SECOND_FACTOR_REQUIRED {Escriba el código de su aplicación de autenticación.} SECOND_FACTOR_FAILED {Ese código no funcionó. Los códigos cambian cada 30 segundos.} INVALID_CODE {Ese código no funcionó. Los códigos cambian cada 30 segundos.} TOTP_ENROLMENT_REQUIRED {Esta cuenta necesita una aplicación de autenticación para iniciar sesión. Pida ayuda a un administrador del directorio.} PASSWORD_TOO_SHORT {Elija una contraseña de al menos 15 caracteres.} PASSWORD_TOO_LONG {Elija una contraseña de 128 caracteres como máximo.} PASSWORD_TOO_COMMON {Mucha gente usa esta contraseña. Elija otra: unas cuantas palabras sin relación sirven bien.} INVITATION_INVALID {Este enlace de invitación no funciona. Pida uno nuevo.} INVITATION_USED {Esta invitación ya se usó. Inicie sesión.} INVITATION_EXPIRED {Esta invitación venció. Pida una nueva.} RESET_INVALID {Este enlace no funciona. Pida uno nuevo.} RESET_EXPIRED {Este enlace venció. Pida uno nuevo.} OIDC_UNKNOWN_EMAIL {La cuenta de su organización todavía no tiene invitación aquí. Pídala a su administrador.} OIDC_NOT_INVITED {La cuenta de su organización todavía no tiene invitación aquí. Pídala a su administrador.} OIDC_EMAIL_UNVERIFIED {La cuenta de su organización no tiene un correo verificado. Consulte a su administrador.} OIDC_NO_EMAIL {La cuenta de su organización no tiene un correo verificado. Consulte a su administrador.} OFFLINE {Sin conexión. Conéctese e inténtelo de nuevo.} BAD_USER_INPUT {Revise lo que escribió.} other {No se puede iniciar sesión ahora. Inténtelo de nuevo en un momento.}}',
  },
  ssoHeading: {
    en: 'Or use your organization’s sign-in',
    es: 'O use el acceso de su organización',
  },
  ssoButton: {
    en: 'Sign in with your organization’s account',
    es: 'Iniciar sesión con la cuenta de su organización',
  },
} as const satisfies MessageTable;
