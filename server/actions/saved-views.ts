'use server';

/**
 * Saved views and their alerts (issue 14, decision 0035). Any signed-in person may save views
 * (`drafts:read` is every role); each write touches only the caller's own views. Admins allow
 * webhook destinations (`users:manage`). Every action goes through the gate in ./guard.ts.
 */
import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { z } from 'zod';
import { getStore } from '@/db';
import { savedViewFilters } from '@/lib/alerts/saved-view-filters';
import { filtersQueryString } from '@/lib/filters';
import { requestSite } from '@/lib/http/request-site';
import { issuesToFieldErrors, type FieldErrors } from '@/lib/validation/event-form';
import { savedViewNameSchema, webhookDestinationSchema, type WebhookDestinationInput } from '@/lib/validation/saved-view';
import { buttonAction, formId, formText, guardedAction, parseFormFields } from './guard';

export interface SaveViewState {
  status: 'idle' | 'error' | 'done';
  message: string | null;
  errors: FieldErrors;
  /** What was typed, handed back on a refusal. */
  values: { name: string };
  /** The saved view, after a save. */
  savedId: number | null;
  attempt: number;
}

const text = (form: FormData, key: string) => formText.parse(form.get(key));

function parseName(name: string): { success: true; data: string } | { success: false; message: string; errors: FieldErrors } {
  const parsed = savedViewNameSchema.safeParse(name);
  if (parsed.success) return parsed;
  const message = parsed.error.issues[0]!.message;
  return { success: false, message: `The view was not saved. ${message}`, errors: { name: message } };
}

/** Saves the filters in `query` (the timeline's own query string) under a name. */
export const saveViewAction = guardedAction<SaveViewState, SaveViewState['values'], { name: string; query: string }>(
  {
    permission: 'drafts:read',
    counter: 'attempt',
    read: (form) => ({ name: text(form, 'name') }),
    parse: (values, form) => {
      const name = parseName(values.name);
      if (!name.success) return name;
      // The canonical form of what the page showed: unknown or bad parameters are dropped, as the page drops them.
      return { success: true, data: { name: name.data, query: filtersQueryString(savedViewFilters(text(form, 'query'))) } };
    },
    refuse: ({ message, errors, values, count }) => ({ status: 'error', message, errors, values, savedId: null, attempt: count }),
  },
  async ({ name, query }, { viewer, count }) => {
    const { id } = await getStore().savedViews.create(viewer.id, name, query);
    revalidatePath('/saved');
    return { status: 'done', message: `Saved as "${name}".`, errors: {}, values: { name: '' }, savedId: id, attempt: count };
  },
);

export interface RenameState {
  status: 'idle' | 'error' | 'done';
  message: string | null;
  errors: FieldErrors;
  values: { name: string };
  attempt: number;
}

export const renameViewAction = guardedAction<RenameState, RenameState['values'], { id: number; name: string }>(
  {
    permission: 'drafts:read',
    counter: 'attempt',
    read: (form) => ({ name: text(form, 'name') }),
    parse: (values, form) => {
      const id = formId.safeParse(form.get('id'));
      if (!id.success) return { success: false, message: 'This form is out of date; reload the page.' };
      const name = parseName(values.name);
      if (!name.success) return { ...name, message: `Not renamed. ${name.errors.name}` };
      return { success: true, data: { id: id.data, name: name.data } };
    },
    refuse: ({ message, errors, values, count }) => ({ status: 'error', message, errors, values, attempt: count }),
  },
  async ({ id, name }, { viewer, count }) => {
    await getStore().savedViews.rename(viewer.id, id, name);
    revalidatePath('/saved');
    return { status: 'done', message: `Renamed to "${name}".`, errors: {}, values: { name }, attempt: count };
  },
);

const viewId = z.object({ id: formId });

export const deleteViewAction = buttonAction('drafts:read', viewId, async ({ id }, viewer) => {
  const { name } = await getStore().savedViews.delete(viewer.id, id);
  return `/saved?deleted=${encodeURIComponent(name)}`;
});

export interface FeedTokenState {
  status: 'idle' | 'error' | 'done';
  message: string | null;
  /** The new private feed URL: shown this once (only its hash is kept). */
  feedUrl: string | null;
  attempt: number;
}

/** A new private feed URL; the previous one stops working. */
export const regenerateFeedAction = guardedAction<FeedTokenState, null, { id: number }>(
  {
    permission: 'drafts:read',
    counter: 'attempt',
    read: () => null,
    parse: (_values, form) => parseFormFields(viewId, form, 'This form is out of date; reload the page.'),
    refuse: ({ message, count }) => ({ status: 'error', message, feedUrl: null, attempt: count }),
  },
  async ({ id }, { viewer, count }) => {
    const token = await getStore().savedViews.regenerateFeedToken(viewer.id, id);
    const origin = requestSite(await headers()).origin;
    revalidatePath('/saved');
    return {
      status: 'done',
      message: 'Your private feed URL is below. Copy it into your feed reader now: it is shown only once. Any earlier URL of this view has stopped working.',
      feedUrl: `${origin}/saved/${id}/feed.xml?token=${token}`,
      attempt: count,
    };
  },
);

export const revokeFeedAction = buttonAction('drafts:read', viewId, async ({ id }, viewer) => {
  await getStore().savedViews.revokeFeedToken(viewer.id, id);
  return '/saved?revoked=1';
});

const subscription = z.object({ id: formId, destinationId: formId });

export const subscribeViewAction = buttonAction('drafts:read', subscription, async ({ id, destinationId }, viewer) => {
  await getStore().savedViews.subscribe(viewer.id, id, destinationId);
  return '/saved?subscribed=1';
});

export const unsubscribeViewAction = buttonAction('drafts:read', subscription, async ({ id, destinationId }, viewer) => {
  await getStore().savedViews.unsubscribe(viewer.id, id, destinationId);
  return '/saved?unsubscribed=1';
});

export interface DestinationFormState {
  status: 'idle' | 'error' | 'done';
  message: string | null;
  errors: FieldErrors;
  values: { url: string; label: string };
  /** The new destination's signing secret, shown with the confirmation. */
  secret: string | null;
  attempt: number;
}

export const createDestinationAction = guardedAction<DestinationFormState, DestinationFormState['values'], WebhookDestinationInput>(
  {
    permission: 'users:manage',
    counter: 'attempt',
    read: (form) => ({ url: text(form, 'url'), label: text(form, 'label') }),
    parse: (values) => {
      const parsed = webhookDestinationSchema.safeParse(values);
      if (parsed.success) return parsed;
      return { success: false, message: 'The destination was not added. Check the fields marked below:', errors: issuesToFieldErrors(parsed.error.issues) };
    },
    refuse: ({ message, errors, values, count }) => ({ status: 'error', message, errors, values, secret: null, attempt: count }),
  },
  async (input, { viewer, count }) => {
    const { secret } = await getStore().webhooks.createDestination(input, viewer.email);
    revalidatePath('/admin/webhooks');
    return {
      status: 'done',
      message: `Added "${input.label}". Give its receiver this signing secret (it is also on this page, for admins only):`,
      errors: {},
      values: { url: '', label: '' },
      secret,
      attempt: count,
    };
  },
);

const toggle = z.object({ id: formId, enabled: z.enum(['true', 'false']) });

export const setDestinationEnabledAction = buttonAction('users:manage', toggle, async ({ id, enabled }) => {
  await getStore().webhooks.setDestinationEnabled(id, enabled === 'true');
  return '/admin/webhooks';
});
