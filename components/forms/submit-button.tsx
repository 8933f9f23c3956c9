'use client';

import { useFormStatus } from 'react-dom';
import { buttonClass } from './field';

/** Disabled while its form is being sent, so a double click cannot save twice. */
export function SubmitButton({ children, pendingLabel, className }: { children: React.ReactNode; pendingLabel: string; className?: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} aria-disabled={pending} className={className ?? buttonClass}>
      {pending ? pendingLabel : children}
    </button>
  );
}
