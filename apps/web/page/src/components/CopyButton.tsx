import { useState } from 'react';

/** Copies a value to the clipboard and says so; where the clipboard is refused, says how to copy by hand. */
export function CopyButton({ value, label = 'Copy' }: { value: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <>
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(value);
            setState('copied');
          } catch {
            setState('failed');
          }
        }}
      >
        {state === 'copied' ? 'Copied' : label}
      </button>
      <span className="sr-only" role="status">
        {state === 'copied'
          ? 'Copied to the clipboard'
          : state === 'failed'
            ? 'Copy failed: select the text and copy it by hand'
            : ''}
      </span>
    </>
  );
}

/** A secret or key in a monospace box, selectable in one click, with its Copy button. */
export function SecretValue({ label, value }: { label: string; value: string }) {
  return (
    <div className="secret">
      <span className="secret__label">{label}</span>
      <code
        className="secret__value"
        data-testid={`secret-${label.toLowerCase().replace(/\W+/g, '-')}`}
      >
        {value}
      </code>
      <CopyButton value={value} label={`Copy ${label.toLowerCase()}`} />
    </div>
  );
}
