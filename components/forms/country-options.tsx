/**
 * Every country by name as a select's options (kept apart from `Options`, so a control that lists
 * other values does not bring the list of countries into the browser's code).
 */
import { COUNTRIES_BY_NAME } from '@/lib/countries';
import { Options } from './options';

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
