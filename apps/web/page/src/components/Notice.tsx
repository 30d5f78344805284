import type { ReactNode } from 'react';

/** A status line: success and info are polite, errors assertive. */
export function Notice({
  kind,
  children,
}: {
  kind: 'success' | 'error' | 'info' | 'warning';
  children: ReactNode;
}) {
  return (
    <div className={`notice notice--${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
