import { formatEventDate, formatEventDateShort, toPartialIso, type DatePrecision } from '@/lib/dates';

/** A date at the precision it is known: "2018", "March 2022" or "28 March 2023". */
export function EventDate({
  date,
  precision,
  short = false,
  className,
}: {
  date: string;
  precision: DatePrecision;
  short?: boolean;
  className?: string;
}) {
  return (
    <time dateTime={toPartialIso(date, precision)} className={className}>
      {short ? formatEventDateShort(date, precision) : formatEventDate(date, precision)}
    </time>
  );
}
