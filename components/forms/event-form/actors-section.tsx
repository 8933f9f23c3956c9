import type { EventTypeKey } from '@/lib/event-types';
import { fieldId } from '@/lib/validation/event-form';
import { ENTITY_ROLES, ENTITY_ROLE_LABELS, type EntityRole } from '@/lib/vocabulary';
import { Select } from '../controls';
import { FieldError, secondaryButtonClass } from '../field';
import { EmptyRows, FormSection } from './form-section';
import { EventActorPicker } from './new-actor';
import { fieldProps, type EventFormModel } from './use-event-form';
import { Options } from '../options';

/** A sensible first role for an actor added to an event of this type; people change it freely. */
const DEFAULT_ROLE: Partial<Record<EventTypeKey, EntityRole>> = {
  designation: 'target',
  removal: 'target',
  authority: 'issuer',
  statement: 'speaker',
  legislative: 'issuer',
  normalisation: 'participant',
  isolation: 'participant',
  advocacy: 'signatory',
};

/** The actors involved, each with a role; found by name or alias, or created on the spot. */
export function ActorsSection({ form }: { form: EventFormModel }) {
  const { values, updateRow, removeRow } = form;
  return (
    <FormSection title="Actors" id={fieldId('actors')} description="People, governments and bodies involved, each with their role.">
      <FieldError id={fieldId('actors')} error={form.err('actors')} />
      {values.actors.length === 0 ? <EmptyRows>No actors yet.</EmptyRows> : null}
      <ul className="space-y-3" aria-label="Chosen actors">
        {values.actors.map((a, i) => (
          <li key={`${a.entityId}-${i}`} className="grid items-end gap-3 sm:grid-cols-[2fr_1fr_auto]" data-testid="actor-row">
            <div>
              <p className="mb-1 text-sm font-medium">Actor {i + 1}</p>
              <p id={fieldId(`actors.${i}.entityId`)} tabIndex={-1} className="py-1.5 text-sm">
                {a.name || <span className="text-zinc-600">(not chosen)</span>}
              </p>
              <input type="hidden" name={`actors.${i}.entityId`} value={a.entityId} />
              <input type="hidden" name={`actors.${i}.name`} value={a.name} />
              <FieldError id={fieldId(`actors.${i}.entityId`)} error={form.err(`actors.${i}.entityId`)} />
            </div>
            <Select {...fieldProps(form, `actors.${i}.role`)} label={`Role of ${a.name || `actor ${i + 1}`}`} value={a.role} onChange={(role) => updateRow('actors', i, { role })}>
              <option value="">Choose a role…</option>
              <Options values={ENTITY_ROLES} label={(r) => ENTITY_ROLE_LABELS[r]} />
            </Select>
            <button type="button" className={secondaryButtonClass} onClick={() => removeRow('actors', i, 'actor-search')}>
              Remove<span className="sr-only"> {a.name}</span>
            </button>
          </li>
        ))}
      </ul>
      <EventActorPicker
        onPick={(actor) => {
          if (values.actors.some((x) => x.entityId === String(actor.id))) {
            form.setNotice(`${actor.name} is already in the list; give them another role there if needed.`);
            return;
          }
          form.update({ actors: [...values.actors, { entityId: String(actor.id), name: actor.name, role: DEFAULT_ROLE[values.type as EventTypeKey] ?? '' }] });
        }}
      />
    </FormSection>
  );
}
