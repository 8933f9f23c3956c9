import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SIGNATURE_HEADER, verifySignature } from '../../lib/alerts/webhook-signing';
import { expect, expectNoA11yViolations, test } from './fixtures';
import { fillBasics, signedInPage } from './helpers';

test.describe('An analyst saves a view and comes back to what is new', () => {
  test.use({ signedInAs: 'editor' });

  test('saves a filtered view, sees "1 new" after an editor records a matching event, and opens it', async ({ page, browser }) => {
    const tag = `sv${Date.now().toString(36)}`;
    const analyst = await signedInPage(browser, 'viewer', `/?q=${tag}`);

    // A bad name is refused at the field, and what was typed stays.
    const save = analyst.locator('details').filter({ has: analyst.locator('summary', { hasText: 'Save this view' }) });
    await save.locator('summary').click();
    const name = save.getByRole('textbox', { name: 'Name' });
    await name.fill('x'.repeat(81));
    await save.getByRole('button', { name: 'Save view' }).click();
    await expect(save.getByText('Name must be at most 80 characters.').first()).toBeVisible();
    await expect(save.getByRole('textbox', { name: 'Name' })).toHaveValue('x'.repeat(81));
    await expect(save.getByRole('textbox', { name: 'Name' })).toHaveAttribute('aria-invalid', 'true');

    await save.getByRole('textbox', { name: 'Name' }).fill(`Captagon watch ${tag}`);
    await save.getByRole('button', { name: 'Save view' }).click();
    await expect(save.getByText(`Saved as "Captagon watch ${tag}".`)).toBeVisible();

    await analyst.goto('/saved');
    const row = analyst.getByTestId('saved-view').filter({ hasText: `Captagon watch ${tag}` });
    await expect(row.getByTestId('new-count')).toContainText('Nothing new');

    // An editor records a matching event.
    await page.goto('/events/new');
    await fillBasics(page, { title: `Captagon network designated ${tag}` });
    await page.getByRole('radio', { name: 'Published' }).check();
    await page.getByRole('button', { name: 'Create event' }).click();
    await expect(page.getByText('Event created.')).toBeVisible();

    await analyst.reload();
    await expect(row.getByTestId('new-count')).toContainText('1 new since you last opened it');
    await expectNoA11yViolations(analyst);

    // Opening the view shows the timeline with its filters, and the count starts again.
    await row.getByRole('link', { name: `Captagon watch ${tag}` }).click();
    await expect(analyst).toHaveURL(new RegExp(`/\\?q=${tag}$`));
    await expect(analyst.getByTestId('timeline-item').filter({ hasText: `Captagon network designated ${tag}` })).toBeVisible();
    await analyst.goto('/saved');
    await expect(row.getByTestId('new-count')).toContainText('Nothing new');

    // A private feed URL works without a session; after replacing it, the old one is "not found".
    await row.locator('summary', { hasText: 'Subscribe' }).click();
    await row.getByRole('button', { name: 'Create a private feed URL' }).click();
    const feedUrl = await row.getByRole('textbox', { name: /Private feed URL/ }).inputValue();
    const anonymous = await browser.newContext();
    const first = await anonymous.request.get(feedUrl);
    expect(first.status()).toBe(200);
    expect(await first.text()).toContain(`Captagon network designated ${tag}`);
    await row.getByRole('button', { name: 'Replace the private feed URL' }).click();
    await expect(row.getByRole('textbox', { name: /Private feed URL/ })).not.toHaveValue(feedUrl);
    expect((await anonymous.request.get(feedUrl)).status()).toBe(404);
    await anonymous.close();
    await analyst.context().close();
  });
});

test.describe('An analyst gets a webhook when a matching event is recorded', () => {
  test.use({ signedInAs: 'editor' });
  // Three people's pages in turn and the dispatcher's timer: about 28 s on a busy 2-core machine,
  // too close to the default 30 s.
  test.describe.configure({ timeout: 60_000 });

  test('an admin allows a receiver on 127.0.0.1, the analyst subscribes a view, an editor adds an event: a signed POST arrives', async ({ page, browser }) => {
    const tag = `wh${Date.now().toString(36)}`;
    const received: { body: string; signature: string }[] = [];
    const receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ body: Buffer.concat(chunks).toString('utf8'), signature: String(req.headers[SIGNATURE_HEADER.toLowerCase()] ?? '') });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

    try {
      // The admin refuses a non-http URL with a message at the field, then adds the receiver.
      const admin = await signedInPage(browser, 'admin', '/admin/webhooks');
      await admin.getByRole('textbox', { name: 'URL' }).fill('ftp://127.0.0.1/hook');
      await admin.getByRole('textbox', { name: 'Label' }).fill(`Receiver ${tag}`);
      await admin.getByRole('button', { name: 'Add destination' }).click();
      await expect(admin.getByText('Only http and https URLs can receive webhooks, not ftp.')).toBeVisible();
      await expect(admin.getByRole('textbox', { name: 'Label' })).toHaveValue(`Receiver ${tag}`);
      await admin.getByRole('textbox', { name: 'URL' }).fill(url);
      await admin.getByRole('button', { name: 'Add destination' }).click();
      const secret = (await admin.locator('code', { hasText: /^whsec_/ }).first().textContent())!.trim();
      expect(secret).toMatch(/^whsec_[0-9a-f]{64}$/);
      await expectNoA11yViolations(admin);

      const analyst = await signedInPage(browser, 'viewer', `/?q=${tag}`);
      const save = analyst.locator('details').filter({ has: analyst.locator('summary', { hasText: 'Save this view' }) });
      await save.locator('summary').click();
      await save.getByRole('textbox', { name: 'Name' }).fill(`Alerts ${tag}`);
      await save.getByRole('button', { name: 'Save view' }).click();
      await expect(save.getByText(`Saved as "Alerts ${tag}".`)).toBeVisible();
      await analyst.goto('/saved');
      const row = analyst.getByTestId('saved-view').filter({ hasText: `Alerts ${tag}` });
      await row.locator('summary', { hasText: 'Subscribe' }).click();
      await row.getByRole('combobox', { name: 'Send a webhook to' }).selectOption({ label: `Receiver ${tag}` });
      await row.getByRole('button', { name: 'Subscribe', exact: true }).click();
      await expect(analyst.getByText('Subscribed: matching events')).toBeVisible();

      await page.goto('/events/new');
      await fillBasics(page, { title: `Captagon network designated ${tag}` });
      await page.getByRole('radio', { name: 'Published' }).check();
      await page.getByRole('button', { name: 'Create event' }).click();
      await expect(page.getByText('Event created.')).toBeVisible();

      await expect.poll(() => received.length, { timeout: 15_000 }).toBe(1);
      const got = received[0]!;
      expect(verifySignature(secret, got.body, got.signature).ok).toBe(true);
      const payload = JSON.parse(got.body);
      expect(payload.event.title).toBe(`Captagon network designated ${tag}`);
      expect(payload.view.name).toBe(`Alerts ${tag}`);

      // The analyst sees "1 new" and the delivery in the log.
      await analyst.reload();
      await expect(row.getByTestId('new-count')).toContainText('1 new');
      await expect(analyst.getByTestId('delivery-log')).toContainText('Delivered');
      await expectNoA11yViolations(analyst);
      // The admin sees the same delivery in the destination's log.
      await admin.reload();
      const destination = admin.getByTestId('webhook-destination').filter({ hasText: `Receiver ${tag}` });
      await destination.locator('summary', { hasText: 'Latest deliveries' }).click();
      await expect(destination.getByTestId('delivery-log')).toContainText(`Alerts ${tag}`);
      await expect(destination.getByTestId('delivery-log')).toContainText('HTTP 204');
      await admin.context().close();
      await analyst.context().close();
    } finally {
      receiver.closeAllConnections();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });
});
