import { type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, useId } from 'react';

interface FieldFrame {
  readonly label: string;
  readonly error?: string | null;
  readonly hint?: ReactNode;
}

/** A labelled input whose error sits right under it and is announced with it. */
export function Field({
  label,
  error,
  hint,
  id,
  ...input
}: FieldFrame & InputHTMLAttributes<HTMLInputElement>) {
  const generated = useId();
  const inputId = id ?? generated;
  const described =
    [hint ? `${inputId}-hint` : null, error ? `${inputId}-error` : null]
      .filter(Boolean)
      .join(' ') || undefined;
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={inputId}>{label}</label>
      <input
        id={inputId}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        {...input}
      />
      {hint && (
        <div className="field__hint" id={`${inputId}-hint`}>
          {hint}
        </div>
      )}
      {error && (
        <div className="field__error" id={`${inputId}-error`} role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

export function SelectField({
  label,
  error,
  hint,
  id,
  children,
  ...select
}: FieldFrame & SelectHTMLAttributes<HTMLSelectElement> & { children: ReactNode }) {
  const generated = useId();
  const selectId = id ?? generated;
  const described =
    [hint ? `${selectId}-hint` : null, error ? `${selectId}-error` : null]
      .filter(Boolean)
      .join(' ') || undefined;
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={selectId}>{label}</label>
      <select
        id={selectId}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        {...select}
      >
        {children}
      </select>
      {hint && (
        <div className="field__hint" id={`${selectId}-hint`}>
          {hint}
        </div>
      )}
      {error && (
        <div className="field__error" id={`${selectId}-error`} role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
