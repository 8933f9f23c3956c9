/** The options of a select from a vocabulary: each value with its label. */
import type { ReactNode } from 'react';
import { COUNTRIES_BY_NAME } from '@/lib/countries';

export function Options<V extends string>({ values, label }: { values: readonly V[]; label: (value: V) => ReactNode }) {
  return values.map((v) => (
    <option key={v} value={v}>
      {label(v)}
    </option>
  ));
}

const COUNTRY_CODES = COUNTRIES_BY_NAME.map((c) => c.code);
const COUNTRY_NAMES = new Map(COUNTRIES_BY_NAME.map((c) => [c.code, c.name]));

/** Every country by name, after a first option for none (`empty`). */
export function CountryOptions({ empty }: { empty: string }) {
  return (
    <>
      <option value="">{empty}</option>
      <Options values={COUNTRY_CODES} label={(code) => COUNTRY_NAMES.get(code)} />
    </>
  );
}
