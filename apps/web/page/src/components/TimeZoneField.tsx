import { useMemo, useState } from 'react';
import { filterTimeZones, timeZones } from '../lib/time';
import { Field } from './Field';

/** A searchable list of IANA time zones: type a city or region, pick from the suggestions. */
export function TimeZoneField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (zone: string) => void;
  error?: string | null;
}) {
  const zones = useMemo(timeZones, []);
  const [query, setQuery] = useState(value);
  const matches = useMemo(
    () => filterTimeZones(zones, query === value ? '' : query, 400),
    [zones, query, value],
  );
  const unknown = query !== '' && !zones.includes(query);
  return (
    <>
      <Field
        label="Time zone"
        name="timeZone"
        list="time-zones"
        autoComplete="off"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          if (zones.includes(event.target.value)) onChange(event.target.value);
        }}
        onBlur={() => unknown && setQuery(value)}
        hint="Type a city or region, e.g. Paris or New York. Every time is shown in this zone."
        error={error}
      />
      <datalist id="time-zones">
        {matches.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
    </>
  );
}
