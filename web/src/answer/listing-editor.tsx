import { useEffect, useRef, useState } from 'preact/hooks';
import { clockOfDay, describeLanguages } from '../shared/format';
import { ApiError, request } from '../shared/graphql';
import { useI18n } from '../shared/i18n';
import {
  changedFields,
  choose,
  DEFAULT_INTERVAL,
  isClock,
  reconcile,
  rowsOf,
  sameField,
  WEEK,
  weekOf,
  type Choice,
  type FieldKey,
  type Interval,
  type ListingFields,
  type Reconciled,
  type Week,
  type Weekday,
} from './listing-edit';
import {
  LanguageNamesQuery,
  ListingEditQuery,
  SetScheduleMutation,
  UpdateListingMutation,
  type EditableListing,
} from './queries';

/**
 * Languages a partner can tick without typing a code: California's Medi-Cal threshold languages
 * and a few more that directories here list often. A listing's own languages are always offered.
 */
const COMMON_LANGUAGES = [
  'en',
  'es',
  'zh',
  'yue',
  'vi',
  'tl',
  'ko',
  'hy',
  'fa',
  'ru',
  'ja',
  'ar',
  'km',
  'hmn',
  'pa',
  'hi',
  'pt',
  'lo',
  'th',
  'uk',
  'ase',
];

interface LanguageName {
  code: string;
  name: string;
  nameEs: string;
}

export const fieldsOf = (listing: EditableListing): ListingFields => ({
  description: listing.description ?? '',
  eligibility: listing.eligibilityDescription ?? '',
  languages: [...listing.languages],
  hours: Object.fromEntries(
    listing.locations.map((location) => [location.id, weekOf(location.schedule.weekly)]),
  ),
});

type Saved =
  { kind: 'saved'; listing: EditableListing } | { kind: 'conflict'; theirs: EditableListing };

/**
 * Saves what changed from `from` to `to` against the listing as `saved` (its versions): the listing's
 * own fields in one request, then each location whose hours changed. A CONFLICT from either means
 * someone else saved first; what is saved now comes back for the person to compare.
 */
async function save(
  saved: EditableListing,
  from: ListingFields,
  to: ListingFields,
): Promise<Saved> {
  const changed = new Set(changedFields(from, to));
  const input = {
    ...(changed.has('description') ? { description: to.description.trim() || null } : {}),
    ...(changed.has('eligibility')
      ? { eligibilityDescription: to.eligibility.trim() || null }
      : {}),
    ...(changed.has('languages') ? { languages: to.languages } : {}),
  };
  try {
    if (Object.keys(input).length > 0)
      await request(UpdateListingMutation, {
        id: saved.id,
        expectedVersion: saved.version,
        input,
      });
    for (const location of saved.locations) {
      if (!changed.has(`hours:${location.id}`)) continue;
      await request(SetScheduleMutation, {
        locationId: location.id,
        expectedVersion: location.version,
        schedule: {
          weekly: rowsOf(to.hours[location.id]),
          // The holiday closures are not edited here: they are sent back as they are.
          closures: location.schedule.closures.map(({ date, opensAt, closesAt, note }) => ({
            date,
            opensAt,
            closesAt,
            note,
          })),
        },
      });
    }
  } catch (error) {
    if (!(error instanceof ApiError && error.code === 'CONFLICT')) throw error;
    const { resource } = await request(ListingEditQuery, { id: saved.id });
    return { kind: 'conflict', theirs: resource };
  }
  const { resource } = await request(ListingEditQuery, { id: saved.id });
  return { kind: 'saved', listing: resource };
}

type State =
  | { kind: 'loading' }
  | { kind: 'failed' }
  | {
      kind: 'editing';
      /** The listing as it was saved when the person started (or last compared). */
      saved: EditableListing;
      base: ListingFields;
      /** Fields both changed: shown side by side until the person saves their choices. */
      conflict?: { theirs: ListingFields; reconciled: Reconciled };
    };

/** Description, who can go, languages and each site's weekly hours, saved with the versions read. */
export function ListingEditor({
  id,
  onSaved,
  onClose,
}: {
  id: string;
  onSaved: (version: number) => void;
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [mine, setMine] = useState<ListingFields | null>(null);
  const [names, setNames] = useState<LanguageName[]>([]);
  const [choices, setChoices] = useState<Partial<Record<FieldKey, Choice>>>({});
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const conflictHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const abort = new AbortController();
    request(ListingEditQuery, { id }, abort.signal).then(
      ({ resource }) => {
        const base = fieldsOf(resource);
        setState({ kind: 'editing', saved: resource, base });
        setMine(base);
        const codes = [...new Set([...COMMON_LANGUAGES, ...resource.languages])];
        request(LanguageNamesQuery, { codes }, abort.signal).then(
          ({ languages }) => setNames(languages),
          // Without the API's names the browser's own still label each code.
          () => setNames(codes.map((code) => ({ code, name: code, nameEs: code }))),
        );
      },
      () => !abort.signal.aborted && setState({ kind: 'failed' }),
    );
    return () => abort.abort();
  }, [id]);
  const conflicted = state.kind === 'editing' && !!state.conflict;
  useEffect(() => {
    if (conflicted) conflictHeading.current?.focus();
  }, [conflicted]);

  if (state.kind === 'loading') return <p role="status">{t('loading')}</p>;
  if (state.kind === 'failed' || !mine) return <p role="alert">{t('answerLoadFailed')}</p>;
  const { saved, base, conflict } = state;
  const siteName = (locationId: string) =>
    saved.locations.length > 1 ? saved.locations.find((l) => l.id === locationId)?.name : undefined;
  const fieldLabel = (key: FieldKey): string =>
    key.startsWith('hours:')
      ? t('editHoursAt', {
          site: siteName(key.slice(6)) ?? '',
          several: String(!!siteName(key.slice(6))),
        })
      : t('editField', { field: key });

  const badHours = Object.values(mine.hours).some((week) =>
    WEEK.some((day) =>
      week[day].some((slot) => !isClock(slot.opensAt) || !isClock(slot.closesAt, true)),
    ),
  );

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    if (badHours) {
      setProblem(t('editHoursInvalid'));
      return;
    }
    // With a conflict on screen, the person's choices are what is saved, on top of theirs.
    const from = conflict ? conflict.theirs : base;
    const to = conflict ? choose(conflict.reconciled, mine, choices) : mine;
    setBusy(true);
    setProblem(null);
    try {
      let [was, wanted] = [from, to];
      let result = await save(saved, was, wanted);
      // Someone else saved first. What only one of us changed merges without asking (again if
      // they saved once more meanwhile); a field we both changed is the person's choice.
      for (let tries = 0; result.kind === 'conflict' && tries < 3; tries++) {
        const theirs = fieldsOf(result.theirs);
        const reconciled = reconcile(was, wanted, theirs);
        if (reconciled.conflicts.length > 0) {
          setMine(wanted);
          setChoices({});
          setState({
            kind: 'editing',
            saved: result.theirs,
            base,
            conflict: { theirs, reconciled },
          });
          return;
        }
        [was, wanted] = [theirs, reconciled.merged];
        result = await save(result.theirs, was, wanted);
      }
      if (result.kind === 'conflict') throw new ApiError('conflict', 'CONFLICT');
      onSaved(result.listing.version);
    } catch (error) {
      setProblem(
        error instanceof ApiError && error.code === 'BAD_USER_INPUT'
          ? t('editRefused', { message: error.message })
          : t('answerSaveFailed'),
      );
    } finally {
      setBusy(false);
    }
  };

  const languageName = (code: string) => {
    const known = names.find((n) => n.code === code);
    return known ? (lang === 'es' ? known.nameEs : known.name) : describeLanguages([code], lang);
  };
  const offered = [
    ...new Set([...names.map((n) => n.code), ...mine.languages, ...base.languages]),
  ].sort((a, b) => languageName(a).localeCompare(languageName(b), lang));
  const unchanged = changedFields(conflict ? conflict.theirs : base, mine).length === 0;

  return (
    <form class="listing-editor" onSubmit={(e) => void submit(e)} noValidate>
      {conflict && (
        <ConflictView
          headingRef={conflictHeading}
          conflict={conflict}
          mine={mine}
          choices={choices}
          setChoice={(key, choice) => setChoices((all) => ({ ...all, [key]: choice }))}
          label={fieldLabel}
          languageName={languageName}
        />
      )}
      {!conflict && (
        <>
          <label for={`edit-description-${id}`}>{t('editField', { field: 'description' })}</label>
          <textarea
            id={`edit-description-${id}`}
            rows={4}
            maxLength={5000}
            value={mine.description}
            onInput={(e) => setMine({ ...mine, description: e.currentTarget.value })}
          />
          <label for={`edit-eligibility-${id}`}>{t('editField', { field: 'eligibility' })}</label>
          <textarea
            id={`edit-eligibility-${id}`}
            rows={3}
            maxLength={2000}
            value={mine.eligibility}
            onInput={(e) => setMine({ ...mine, eligibility: e.currentTarget.value })}
          />
          <fieldset>
            <legend>{t('editField', { field: 'languages' })}</legend>
            <div class="language-picks">
              {offered.map((code) => (
                <label class="check" key={code} lang={lang}>
                  <input
                    type="checkbox"
                    checked={mine.languages.includes(code)}
                    onChange={(e) =>
                      setMine({
                        ...mine,
                        languages: e.currentTarget.checked
                          ? [...mine.languages, code]
                          : mine.languages.filter((c) => c !== code),
                      })
                    }
                  />
                  {languageName(code)}
                </label>
              ))}
            </div>
          </fieldset>
          {saved.locations.map((location) => (
            <HoursEditor
              key={location.id}
              id={`${id}-${location.id}`}
              legend={fieldLabel(`hours:${location.id}`)}
              week={mine.hours[location.id]}
              onChange={(week) =>
                setMine({ ...mine, hours: { ...mine.hours, [location.id]: week } })
              }
            />
          ))}
        </>
      )}
      {problem && (
        <p role="alert" class="form-error">
          {problem}
        </p>
      )}
      <button type="submit" class="primary" disabled={busy || (!conflict && unchanged)}>
        {conflict ? t('editSaveMerged') : t('editSave')}
      </button>
      <button type="button" class="secondary" onClick={onClose}>
        {t('answerCancel')}
      </button>
    </form>
  );
}

function dayName(day: Weekday, locale: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, 1 + WEEK.indexOf(day))),
  );
}

/** One site's week: each day closed, or open from–to (a split day keeps its two openings). */
function HoursEditor({
  id,
  legend,
  week,
  onChange,
}: {
  id: string;
  legend: string;
  week: Week;
  onChange: (week: Week) => void;
}) {
  const { t, locale } = useI18n();
  const setDay = (day: Weekday, slots: Interval[]) => onChange({ ...week, [day]: slots });
  return (
    <fieldset class="hours-editor">
      <legend>{legend}</legend>
      <p class="hint">{t('editHoursHint')}</p>
      {WEEK.map((day) => {
        const slots = week[day];
        const name = dayName(day, locale);
        return (
          <fieldset key={day} class="day">
            <legend>{name}</legend>
            <label class="check">
              <input
                type="checkbox"
                checked={slots.length === 0}
                onChange={(e) => setDay(day, e.currentTarget.checked ? [] : [DEFAULT_INTERVAL])}
              />
              {t('closed')}
            </label>
            {slots.map((slot, i) => {
              const slotId = `hours-${id}-${day}-${i}`;
              const set = (change: Partial<Interval>) =>
                setDay(
                  day,
                  slots.map((s, j) => (j === i ? { ...s, ...change } : s)),
                );
              return (
                <div class="opening" key={i}>
                  <div>
                    <label for={`${slotId}-opens`}>{t('editOpens')}</label>
                    <input
                      id={`${slotId}-opens`}
                      type="time"
                      required
                      value={slot.opensAt}
                      aria-invalid={!isClock(slot.opensAt) || undefined}
                      onInput={(e) => set({ opensAt: e.currentTarget.value })}
                    />
                  </div>
                  <div>
                    <label for={`${slotId}-closes`}>{t('editCloses')}</label>
                    <input
                      id={`${slotId}-closes`}
                      type="time"
                      required
                      // The API says midnight at the end of the day as "24:00"; a time field as 00:00.
                      value={slot.closesAt === '24:00' ? '00:00' : slot.closesAt}
                      aria-invalid={!isClock(slot.closesAt, true) || undefined}
                      onInput={(e) => {
                        const value = e.currentTarget.value;
                        set({ closesAt: value === '00:00' ? '24:00' : value });
                      }}
                    />
                  </div>
                </div>
              );
            })}
          </fieldset>
        );
      })}
    </fieldset>
  );
}

/** Each field both changed: what the person wrote beside what is saved now, and their choice. */
function ConflictView({
  headingRef,
  conflict,
  mine,
  choices,
  setChoice,
  label,
  languageName,
}: {
  headingRef: { current: HTMLHeadingElement | null };
  conflict: { theirs: ListingFields; reconciled: Reconciled };
  mine: ListingFields;
  choices: Partial<Record<FieldKey, Choice>>;
  setChoice: (key: FieldKey, choice: Choice) => void;
  label: (key: FieldKey) => string;
  languageName: (code: string) => string;
}) {
  const { t, lang, locale } = useI18n();
  const show = (fields: ListingFields, key: FieldKey) => {
    if (key === 'description' || key === 'eligibility')
      return fields[key].trim() ? <p class="pre">{fields[key]}</p> : <p>{t('editEmpty')}</p>;
    if (key === 'languages')
      return (
        <p>
          {fields.languages.length
            ? new Intl.ListFormat(locale, { type: 'conjunction' }).format(
                fields.languages.map(languageName),
              )
            : t('editEmpty')}
        </p>
      );
    const week = fields.hours[key.slice(6)];
    return (
      <ul class="plain">
        {WEEK.map((day) => (
          <li key={day}>
            {week[day].length === 0
              ? t('editDayClosed', { day: dayName(day, locale) })
              : week[day]
                  .map((s) =>
                    t('hoursLine', {
                      day: dayName(day, locale),
                      from: clockOfDay(s.opensAt, lang),
                      to: clockOfDay(s.closesAt, lang),
                    }),
                  )
                  .join('; ')}
          </li>
        ))}
      </ul>
    );
  };
  const { conflicts } = conflict.reconciled;
  const merged = changedFields(conflict.theirs, conflict.reconciled.merged).filter(
    (key) => !conflicts.includes(key) && !sameField(key, conflict.theirs, mine),
  );
  return (
    <section class="conflict-view" aria-labelledby="conflict-heading">
      <h4 id="conflict-heading" tabIndex={-1} ref={headingRef}>
        {t('editConflictHeading')}
      </h4>
      <p>{t('editConflictLead', { count: conflicts.length })}</p>
      {merged.length > 0 && (
        <p class="hint">
          {t('editConflictKept', {
            fields: new Intl.ListFormat(locale, { type: 'conjunction' }).format(merged.map(label)),
          })}
        </p>
      )}
      {conflicts.map((key) => {
        const name = `choice-${key}`;
        const choice = choices[key] ?? 'mine';
        return (
          <fieldset key={key} class="conflict">
            <legend>{label(key)}</legend>
            <div class="side-by-side">
              <div>
                <p class="label">{t('editYours')}</p>
                {show(mine, key)}
              </div>
              <div>
                <p class="label">{t('editTheirs')}</p>
                {show(conflict.theirs, key)}
              </div>
            </div>
            <label class="check">
              <input
                type="radio"
                name={name}
                checked={choice === 'mine'}
                onChange={() => setChoice(key, 'mine')}
              />
              {t('editKeepMine')}
            </label>
            <label class="check">
              <input
                type="radio"
                name={name}
                checked={choice === 'theirs'}
                onChange={() => setChoice(key, 'theirs')}
              />
              {t('editTakeTheirs')}
            </label>
          </fieldset>
        );
      })}
    </section>
  );
}
