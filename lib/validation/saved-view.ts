/**
 * Saved views and webhook destinations as people enter them (issue 14, decision 0035): a view's
 * name is one line of 1 to 80 characters; a destination is an http(s) URL without credentials.
 */
import { z } from 'zod';
import { SAVED_VIEW_NAME_MAX } from './saved-view-limits';
import { nameText } from './text';

export { SAVED_VIEW_NAME_MAX };

export const savedViewNameSchema = nameText('Name', SAVED_VIEW_NAME_MAX);

export const WEBHOOK_URL_MAX = 2000;

/**
 * Only http and https, no user name or password in the URL (they would be sent to, and logged by,
 * every proxy on the way; a receiver checks the signature instead), no fragment.
 */
export const webhookUrlSchema = z
  .string({ error: 'URL is required.' })
  .trim()
  .min(1, 'URL is required.')
  .max(WEBHOOK_URL_MAX, `URL must be at most ${WEBHOOK_URL_MAX} characters.`)
  .transform((s, ctx) => {
    let url: URL;
    try {
      url = new URL(s);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'Enter a full URL such as https://hooks.example.org/tracker.' });
      return z.NEVER;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      ctx.addIssue({ code: 'custom', message: `Only http and https URLs can receive webhooks, not ${url.protocol.replace(/:$/, '')}.` });
      return z.NEVER;
    }
    if (url.username || url.password) {
      ctx.addIssue({ code: 'custom', message: 'Leave the user name and password out of the URL; receivers check the signature instead.' });
      return z.NEVER;
    }
    if (!url.hostname) {
      ctx.addIssue({ code: 'custom', message: 'The URL has no host.' });
      return z.NEVER;
    }
    url.hash = '';
    return url.toString();
  });

export const webhookDestinationSchema = z.object({
  url: webhookUrlSchema,
  label: nameText('Label', 80),
});

export type WebhookDestinationInput = z.output<typeof webhookDestinationSchema>;
