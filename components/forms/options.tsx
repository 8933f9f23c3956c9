/** The options of a select from a vocabulary: each value with its label. */
import type { ReactNode } from 'react';

export function Options<V extends string>({ values, label }: { values: readonly V[]; label: (value: V) => ReactNode }) {
  return values.map((v) => (
    <option key={v} value={v}>
      {label(v)}
    </option>
  ));
}
