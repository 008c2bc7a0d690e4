import { useEffect, useRef, useState } from 'preact/hooks';
import type { Listing } from '../find/queries';
import { ApiError, request } from '../shared/graphql';
import { useI18n } from '../shared/i18n';
import { addToCopy } from './offline-copy';
import { FolderNamesQuery, SaveMutation } from './queries';

const NEW = '\u0000new';

type Folders = { name: string; items: { resourceId: string }[] }[];

/**
 * Saving a listing to a folder (an existing one or a new one) with a note: the form the listing
 * page opens for a signed-in peer. What is saved also goes into the copy kept on the phone.
 */
export function SavePanel({ listing }: { listing: Listing }) {
  const { t } = useI18n();
  const [folders, setFolders] = useState<Folders | null>(null);
  const [choice, setChoice] = useState(NEW);
  const [newName, setNewName] = useState(() => t('defaultFolder'));
  const [note, setNote] = useState('');
  const [state, setState] = useState<
    | { kind: 'editing' }
    | { kind: 'saving' }
    | { kind: 'saved'; folder: string }
    | { kind: 'problem'; folderName: boolean }
  >({ kind: 'editing' });
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.focus();
    request(FolderNamesQuery, {}).then(
      ({ me }) => {
        const list = me?.peer?.savedFolders ?? [];
        setFolders(list);
        if (list.length > 0) setChoice(list[0].name);
      },
      () => setFolders([]),
    );
  }, []);

  const already = (folders ?? [])
    .filter((f) => f.items.some((i) => i.resourceId === listing.id))
    .map((f) => f.name);

  const submit = (event: Event) => {
    event.preventDefault();
    const folder = choice === NEW ? newName.trim() : choice;
    if (!folder || folder.length > 60) {
      setState({ kind: 'problem', folderName: true });
      return;
    }
    setState({ kind: 'saving' });
    request(SaveMutation, { resourceId: listing.id, folder, note: note.trim() || null }).then(
      ({ saveResource }) => {
        addToCopy(listing, saveResource);
        setState({ kind: 'saved', folder: saveResource.folder });
      },
      (error: unknown) =>
        setState({
          kind: 'problem',
          folderName: error instanceof ApiError && error.field === 'folder',
        }),
    );
  };

  const problem = state.kind === 'problem';
  return (
    <section class="save-panel" aria-labelledby="save-heading">
      <h2 id="save-heading" tabIndex={-1} ref={heading}>
        {t('saveHeading')}
      </h2>
      {already.length > 0 && <p>{t('alreadyIn', { folders: already.join(', ') })}</p>}
      <form onSubmit={submit}>
        <label for="save-folder">{t('saveFolder')}</label>
        <select id="save-folder" value={choice} onChange={(e) => setChoice(e.currentTarget.value)}>
          {(folders ?? []).map((f) => (
            <option key={f.name} value={f.name}>
              {f.name}
            </option>
          ))}
          <option value={NEW}>{t('saveNewFolder')}</option>
        </select>
        {choice === NEW && (
          <>
            <label for="save-new-folder">{t('saveNewFolderName')}</label>
            <input
              id="save-new-folder"
              value={newName}
              maxLength={60}
              onInput={(e) => setNewName(e.currentTarget.value)}
              aria-invalid={problem && state.folderName ? 'true' : undefined}
              aria-describedby={problem && state.folderName ? 'save-problem' : undefined}
            />
          </>
        )}
        <label for="save-note">{t('saveNote')}</label>
        <textarea
          id="save-note"
          rows={2}
          maxLength={1000}
          value={note}
          onInput={(e) => setNote(e.currentTarget.value)}
          aria-describedby="save-note-hint"
        />
        <p id="save-note-hint" class="hint">
          {t('saveNoteHint')}
        </p>
        <button type="submit" class="primary" disabled={state.kind === 'saving'}>
          {state.kind === 'saving' ? t('saving') : t('saveButton')}
        </button>
      </form>
      <div role="status">
        {state.kind === 'saved' && (
          <p class="done">
            {t('savedTo', { folder: state.folder })} <a href="/saved">{t('seeSaved')}</a>
          </p>
        )}
        {problem && (
          <p id="save-problem" class="problem">
            {t(state.folderName ? 'folderNameProblem' : 'savedActionFailed')}
          </p>
        )}
      </div>
    </section>
  );
}
