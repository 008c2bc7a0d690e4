import type { ComponentChildren } from 'preact';
import { useI18n } from '../shared/i18n';
import type { Field, Problem } from './draft';

/** A field's trouble: a rule of the form, or the API's own words when it refused the input. */
export type Trouble = Problem | { api: string };
export type Troubles = Partial<Record<Field, Trouble>>;

export const errorId = (field: Field): string => `error-${field.replace(/\./g, '-')}`;
export const controlId = (field: Field): string => `field-${field.replace(/\./g, '-')}`;

/** aria-invalid and aria-describedby for a control, pointing at its hint and its error. */
export function described(field: Field, troubles: Troubles, hint?: string) {
  const ids = [hint, troubles[field] ? errorId(field) : undefined].filter(Boolean).join(' ');
  return {
    'aria-invalid': troubles[field] ? true : undefined,
    'aria-describedby': ids || undefined,
  } as const;
}

/** The words under a control that say what is wrong with it. */
export function FieldError({ field, troubles }: { field: Field; troubles: Troubles }) {
  const { t } = useI18n();
  const trouble = troubles[field];
  if (!trouble) return null;
  return (
    <p class="field-error" id={errorId(field)}>
      {typeof trouble === 'string' ? t('referProblem', { problem: trouble }) : trouble.api}
    </p>
  );
}

/** A labelled text (or date, tel...) input with its hint and error. */
export function TextField({
  field,
  label,
  hint,
  value,
  onInput,
  troubles,
  type = 'text',
  autoComplete,
  multiline,
}: {
  field: Field;
  label: string;
  hint?: ComponentChildren;
  value: string;
  onInput: (value: string) => void;
  troubles: Troubles;
  type?: 'text' | 'tel' | 'date';
  autoComplete?: string;
  multiline?: boolean;
}) {
  const id = controlId(field);
  const hintId = hint ? `${id}-hint` : undefined;
  const props = {
    id,
    value,
    autoComplete,
    ...described(field, troubles, hintId),
    onInput: (event: { currentTarget: { value: string } }) => onInput(event.currentTarget.value),
  };
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      )}
      {multiline ? (
        <textarea rows={3} {...props} />
      ) : type === 'date' ? (
        <input type="date" {...props} />
      ) : type === 'tel' ? (
        <input type="tel" {...props} />
      ) : (
        <input type="text" {...props} />
      )}
      <FieldError field={field} troubles={troubles} />
    </div>
  );
}

/** A group of radio buttons (one choice) with a legend. */
export function Choice<T extends string>({
  name,
  legend,
  options,
  value,
  onChange,
  label,
}: {
  name: string;
  legend: string;
  options: readonly T[];
  value: T;
  onChange: (value: T) => void;
  label: (option: T) => string;
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {options.map((option) => (
        <label class="check" key={option}>
          <input
            type="radio"
            name={name}
            value={option}
            checked={value === option}
            onChange={() => onChange(option)}
          />
          {label(option)}
        </label>
      ))}
    </fieldset>
  );
}
