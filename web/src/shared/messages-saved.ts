import type { MessageTable } from './message-table';

/** Saving listings to folders and the Saved screen (see messages.ts). */
export const SAVED_MESSAGES = {
  savedEmpty: {
    en: 'Nothing saved yet. Open a listing and choose Save.',
    es: 'Todavía no hay nada guardado. Abra un servicio y elija Guardar.',
  },
  savedNoProfile: {
    en: 'Your account has no peer profile yet, so it cannot keep a saved list.',
    es: 'Su cuenta todavía no tiene un perfil de par, así que no puede guardar una lista.',
  },
  savedLoadFailed: {
    en: 'Your saved list could not be loaded. Check your connection and try again.',
    es: 'No se pudo cargar su lista guardada. Revise su conexión e inténtelo de nuevo.',
  },
  savedActionFailed: {
    en: 'That did not work. Please try again.',
    es: 'No funcionó. Inténtelo de nuevo.',
  },
  folderCount: {
    en: '{count, plural, one {# listing} other {# listings}}',
    es: '{count, plural, one {# servicio} other {# servicios}}',
  },
  renameFolder: { en: 'Rename “{folder}”', es: 'Cambiar el nombre de “{folder}”' },
  removeFolder: { en: 'Remove “{folder}”', es: 'Quitar “{folder}”' },
  folderNewName: { en: 'New name for “{folder}”', es: 'Nombre nuevo para “{folder}”' },
  saveName: { en: 'Save the name', es: 'Guardar el nombre' },
  savedCancel: { en: 'Cancel', es: 'Cancelar' },
  removeFolderQuestion: {
    en: 'Remove the folder “{folder}” and {count, plural, one {the listing} other {the # listings}} in it?',
    es: '¿Quitar la carpeta “{folder}” y {count, plural, one {el servicio} other {los # servicios}} que contiene?',
  },
  removeFolderConfirm: { en: 'Yes, remove the folder', es: 'Sí, quitar la carpeta' },
  removeEntry: { en: 'Remove {name}', es: 'Quitar {name}' },
  noLongerListed: {
    en: 'This listing is no longer listed.',
    es: 'Este servicio ya no está en el directorio.',
  },
  unlistedName: {
    en: 'A listing no longer listed',
    es: 'Un servicio que ya no está en el directorio',
  },
  removeUnlisted: { en: 'Remove it from this folder', es: 'Quitarlo de esta carpeta' },
  savedNote: { en: 'Note: {note}', es: 'Nota: {note}' },
  savedWhen: { en: 'Saved {when}', es: 'Guardado el {when}' },
  entryRemoved: {
    en: '{name} was removed from “{folder}”.',
    es: 'Se quitó {name} de “{folder}”.',
  },
  folderRenamed: {
    en: 'The folder is now “{folder}”.',
    es: 'La carpeta ahora se llama “{folder}”.',
  },
  folderRemoved: {
    en: 'The folder “{folder}” was removed.',
    es: 'Se quitó la carpeta “{folder}”.',
  },
  folderNameProblem: {
    en: 'Give the folder a name of up to 60 characters.',
    es: 'Escriba un nombre para la carpeta de hasta 60 caracteres.',
  },
  saveHeading: { en: 'Save to a folder', es: 'Guardar en una carpeta' },
  saveFolder: { en: 'Folder', es: 'Carpeta' },
  saveNewFolder: { en: 'New folder…', es: 'Carpeta nueva…' },
  saveNewFolderName: { en: 'Name of the new folder', es: 'Nombre de la carpeta nueva' },
  defaultFolder: { en: 'Saved', es: 'Guardados' },
  saveNote: { en: 'Note (optional)', es: 'Nota (opcional)' },
  saveNoteHint: {
    en: 'Only you see it, e.g. “ask for Maria at the desk”.',
    es: 'Solo usted la ve, p. ej. “preguntar por María en la recepción”.',
  },
  saveButton: { en: 'Save to the folder', es: 'Guardar en la carpeta' },
  saving: { en: 'Saving…', es: 'Guardando…' },
  savedTo: { en: 'Saved to “{folder}”.', es: 'Guardado en “{folder}”.' },
  seeSaved: { en: 'See your saved places', es: 'Ver sus lugares guardados' },
  alreadyIn: { en: 'Already saved in: {folders}.', es: 'Ya está guardado en: {folders}.' },
} as const satisfies MessageTable;
