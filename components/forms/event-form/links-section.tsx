import type { EventSuggestion } from '@/db/queries/suggest';
import { formatEventDateShort } from '@/lib/dates';
import { fieldId } from '@/lib/validation/event-form';
import { LINK_KINDS, LINK_KIND_LABELS } from '@/lib/vocabulary';
import { AsyncCombobox } from '../combobox';
import { Select } from '../controls';
import { FieldError, secondaryButtonClass } from '../field';
import { FormSection } from './form-section';
import { fieldProps, type EventFormModel } from './use-event-form';
import { Options } from '../options';

function eventOption(e: EventSuggestion) {
  return {
    key: String(e.id),
    text: e.title,
    label: (
      <span>
        {e.title}
        <span className="text-zinc-600 dark:text-zinc-400">
          {' '}
          · {formatEventDateShort(e.date, e.datePrecision)}
          {e.status === 'draft' ? ' · draft' : ''}
        </span>
      </span>
    ),
  };
}

/** Events this one responds to, implements, amends or follows up; found by title or number. */
export function LinksSection({ form, eventId }: { form: EventFormModel; eventId?: number }) {
  const { values, updateRow, removeRow } = form;
  return (
    <FormSection title="Linked events" id={fieldId('links')} description="Events this one responds to, implements, amends or follows up.">
      <FieldError id={fieldId('links')} error={form.err('links')} />
      <ul className="space-y-3" aria-label="Linked events">
        {values.links.map((l, i) => (
          <li key={`${l.toEventId}-${i}`} className="grid items-end gap-3 sm:grid-cols-[1fr_2fr_auto]">
            <Select {...fieldProps(form, `links.${i}.kind`)} label={`Link ${i + 1}: this event…`} value={l.kind} onChange={(kind) => updateRow('links', i, { kind })}>
              <Options values={LINK_KINDS} label={(k) => LINK_KIND_LABELS[k].forward} />
            </Select>
            <div>
              <p className="mb-1 text-sm font-medium">Linked event {i + 1}</p>
              <p id={fieldId(`links.${i}.toEventId`)} tabIndex={-1} className="py-1.5 text-sm">
                {l.title || `Event #${l.toEventId}`}
              </p>
              <input type="hidden" name={`links.${i}.toEventId`} value={l.toEventId} />
              <input type="hidden" name={`links.${i}.title`} value={l.title} />
              <FieldError id={fieldId(`links.${i}.toEventId`)} error={form.err(`links.${i}.toEventId`)} />
            </div>
            <button type="button" className={secondaryButtonClass} onClick={() => removeRow('links', i, 'link-search')}>
              Remove<span className="sr-only"> link to {l.title}</span>
            </button>
          </li>
        ))}
      </ul>
      <AsyncCombobox<EventSuggestion>
        id="link-search"
        label="Link to another event"
        hint="Type words from its title, or its number."
        url={(q) => `/api/suggest/events?q=${encodeURIComponent(q)}${eventId ? `&exclude=${eventId}` : ''}`}
        toOption={eventOption}
        onPick={(e) => {
          if (values.links.some((l) => l.toEventId === String(e.id))) return;
          form.update({ links: [...values.links, { toEventId: String(e.id), title: e.title, kind: 'related' }] });
        }}
      />
    </FormSection>
  );
}
