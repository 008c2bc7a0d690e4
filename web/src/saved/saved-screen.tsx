import { useEffect, useRef, useState } from 'preact/hooks';
import { SignedIn } from '../account/signed-in';
import { describeCapacity, describeOpenState } from '../shared/format';
import { OfflineError, request } from '../shared/graphql';
import { useI18n } from '../shared/i18n';
import type { Route } from '../shared/router';
import { useSession } from '../shared/session';
import { keepCopy, loadCopy } from './offline-copy';
import {
  RemoveFolderMutation,
  RemoveSavedMutation,
  RenameFolderMutation,
  SavedQuery,
  type SavedFolder,
  type SavedItem,
} from './queries';

type Status =
  | { kind: 'loading' }
  | { kind: 'done'; folders: SavedFolder[] }
  | { kind: 'offline'; folders: SavedFolder[]; keptAt: string }
  | { kind: 'noProfile' }
  | { kind: 'failed' };

/** What the list can change, while online. */
interface Actions {
  removeEntry: (item: SavedItem, name: string) => void;
  renameFolder: (from: string, to: string) => Promise<boolean>;
  removeFolder: (folder: string) => void;
}

/**
 * `/saved`: a signed-in peer's saved listings by folder. The list is kept on the phone each time it
 * loads, so with no signal it is still there (dated), and so is each saved listing's page.
 */
export function SavedScreen(_props: { route: Route }) {
  const session = useSession();
  // Offline the session cannot be checked; the copy on this phone (cleared at sign-out) is shown.
  if (session.state === 'unknown') {
    const copy = loadCopy();
    if (copy) return <SavedView status={{ kind: 'offline', ...copy }} />;
  }
  return (
    <SignedIn screen="saved" roles={['PEER']}>
      {() => <LiveSaved />}
    </SignedIn>
  );
}

function LiveSaved() {
  const { t } = useI18n();
  const [status, setStatus] = useState<Status>({ kind: 'loading' });
  const [said, setSaid] = useState('');

  const load = () =>
    request(SavedQuery, {}).then(
      ({ me }) => {
        const folders = me?.peer?.savedFolders;
        if (!folders) return setStatus({ kind: 'noProfile' });
        keepCopy(folders);
        setStatus({ kind: 'done', folders });
      },
      (error: unknown) => {
        const copy = error instanceof OfflineError ? loadCopy() : null;
        setStatus(copy ? { kind: 'offline', ...copy } : { kind: 'failed' });
      },
    );
  useEffect(() => void load(), []);

  /** Runs a change, then shows the list as the API now has it and says what happened. */
  const change = async (run: () => Promise<unknown>, done: string): Promise<boolean> => {
    try {
      await run();
      await load();
      setSaid(done);
      return true;
    } catch {
      setSaid(t('savedActionFailed'));
      return false;
    }
  };
  const actions: Actions = {
    removeEntry: (item, name) =>
      void change(
        () => request(RemoveSavedMutation, { resourceId: item.resourceId, folder: item.folder }),
        t('entryRemoved', { name, folder: item.folder }),
      ),
    renameFolder: (from, to) =>
      change(() => request(RenameFolderMutation, { from, to }), t('folderRenamed', { folder: to })),
    removeFolder: (folder) =>
      void change(() => request(RemoveFolderMutation, { folder }), t('folderRemoved', { folder })),
  };
  return <SavedView status={status} actions={actions} said={said} />;
}

function SavedView({
  status,
  actions,
  said = '',
}: {
  status: Status;
  actions?: Actions;
  said?: string;
}) {
  const { t, locale } = useI18n();
  const editable = status.kind === 'done' ? actions : undefined;
  return (
    <>
      <h1>{t('placeholder', { screen: 'saved' })}</h1>
      <p role="status" class="done">
        {said}
      </p>
      {status.kind === 'loading' && <p role="status">{t('loading')}</p>}
      {status.kind === 'failed' && <p role="alert">{t('savedLoadFailed')}</p>}
      {status.kind === 'noProfile' && <p>{t('savedNoProfile')}</p>}
      {status.kind === 'offline' && (
        <p class="problem" role="status">
          {t('savedOffline', {
            when: new Intl.DateTimeFormat(locale, {
              dateStyle: 'medium',
              timeStyle: 'short',
            }).format(new Date(status.keptAt)),
          })}
        </p>
      )}
      {(status.kind === 'done' || status.kind === 'offline') &&
        (status.folders.length === 0 ? (
          <>
            <p>{t('savedEmpty')}</p>
            <p>
              <a href="/">{t('findHelpLink')}</a>
            </p>
          </>
        ) : (
          status.folders.map((folder) => (
            <Folder
              key={folder.name}
              folder={folder}
              actions={editable}
              live={status.kind === 'done'}
            />
          ))
        ))}
    </>
  );
}

function Folder({
  folder,
  actions,
  live,
}: {
  folder: SavedFolder;
  actions?: Actions;
  live: boolean;
}) {
  const { t } = useI18n();
  const [mode, setMode] = useState<'view' | 'rename' | 'remove'>('view');
  const [name, setName] = useState(folder.name);
  const [problem, setProblem] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  const id = `folder-${folder.name.replace(/[^\w-]/g, '_')}`;
  useEffect(() => {
    // The button pressed goes away: the keyboard continues where the question is.
    if (mode === 'rename') input.current?.focus();
    if (mode === 'remove') confirm.current?.focus();
  }, [mode]);

  const rename = (event: Event) => {
    event.preventDefault();
    const to = name.trim().replace(/\s+/g, ' ');
    if (!to || to.length > 60) {
      setProblem(true);
      return;
    }
    setProblem(false);
    if (to === folder.name) return setMode('view');
    void actions?.renameFolder(folder.name, to).then((ok) => ok && setMode('view'));
  };

  return (
    <section class="saved-folder" aria-labelledby={id}>
      <h2 id={id}>{folder.name}</h2>
      <p>{t('folderCount', { count: folder.items.length })}</p>
      {actions && mode === 'view' && (
        <div class="row-actions">
          <button type="button" onClick={() => setMode('rename')}>
            {t('renameFolder', { folder: folder.name })}
          </button>
          <button type="button" class="danger" onClick={() => setMode('remove')}>
            {t('removeFolder', { folder: folder.name })}
          </button>
        </div>
      )}
      {actions && mode === 'rename' && (
        <form onSubmit={rename}>
          <label for={`${id}-name`}>{t('folderNewName', { folder: folder.name })}</label>
          <input
            id={`${id}-name`}
            ref={input}
            value={name}
            maxLength={60}
            onInput={(e) => setName(e.currentTarget.value)}
            aria-invalid={problem ? 'true' : undefined}
            aria-describedby={problem ? `${id}-problem` : undefined}
          />
          {problem && (
            <p id={`${id}-problem`} class="problem">
              {t('folderNameProblem')}
            </p>
          )}
          <div class="row-actions">
            <button type="submit">{t('saveName')}</button>
            <button type="button" onClick={() => setMode('view')}>
              {t('savedCancel')}
            </button>
          </div>
        </form>
      )}
      {actions && mode === 'remove' && (
        <div class="confirm" role="group" aria-labelledby={`${id}-question`}>
          <p id={`${id}-question`}>
            {t('removeFolderQuestion', { folder: folder.name, count: folder.items.length })}
          </p>
          <div class="row-actions">
            <button
              type="button"
              class="danger-solid"
              ref={confirm}
              onClick={() => actions.removeFolder(folder.name)}
            >
              {t('removeFolderConfirm')}
            </button>
            <button type="button" onClick={() => setMode('view')}>
              {t('savedCancel')}
            </button>
          </div>
        </div>
      )}
      <ul class="saved-list">
        {folder.items.map((item) => (
          <Entry key={item.id} item={item} actions={actions} live={live} />
        ))}
      </ul>
    </section>
  );
}

function Entry({ item, actions, live }: { item: SavedItem; actions?: Actions; live: boolean }) {
  const { t, lang, locale } = useI18n();
  const now = new Date();
  const listing = item.resource;
  const location = listing?.locations[0];
  // Open state only from a live answer: a copy's "open until" may have passed.
  const open =
    live && location
      ? describeOpenState(
          {
            openNow: location.openNow,
            closesAt: location.closesAt,
            nextOpenAt: location.nextOpenAt,
            timeZone: location.timeZone,
          },
          now,
          lang,
        )
      : null;
  const name = listing?.name ?? t('unlistedName');
  return (
    <li>
      {listing ? (
        <a href={`/listing/${encodeURIComponent(listing.id)}`}>{listing.name}</a>
      ) : (
        <p>
          <strong>{t('noLongerListed')}</strong>
        </p>
      )}
      {listing && <p class="result-org">{listing.organization.name}</p>}
      {open && <p class={location?.openNow ? 'open' : 'closed'}>{open}</p>}
      {listing?.capacity && (
        <p class={listing.capacity.available > 0 ? 'beds' : 'beds none'}>
          {describeCapacity(listing.capacity, now, lang)}
        </p>
      )}
      {item.note && <p>{t('savedNote', { note: item.note })}</p>}
      <p class="hint">
        {t('savedWhen', {
          when: new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(
            new Date(item.savedAt),
          ),
        })}
      </p>
      {actions && (
        <button type="button" class="link" onClick={() => actions.removeEntry(item, name)}>
          {listing ? t('removeEntry', { name }) : t('removeUnlisted')}
        </button>
      )}
    </li>
  );
}
