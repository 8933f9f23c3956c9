import { expect, expectNoA11yViolations, test } from './fixtures';

const file = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${text}`, 'utf8') });

test.describe('An editor imports a list of designations from a spreadsheet', () => {
  test.use({ signedInAs: 'editor' });

  test('sees the one bad row with its column, fixes the file, and imports it', async ({ page, playwright }) => {
    const tag = test.info().testId.slice(0, 6);
    const header = 'date,type,title,countries,actors,tags,status';
    const good1 = `2026-10-01,designation,Imported designation A ${tag},SY (target),Khaled Qaddour (target),Caesar Act,published`;
    const good2 = `2026-10-02,designation,Imported designation B ${tag},SY (target),Imported Shipping Co ${tag} (target),Captagon ${tag},published`;
    const bad = `2026-02-30,designation,Imported designation C ${tag},SY (target),,,published`;

    await page.goto('/import');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Import events from CSV');

    await page.getByLabel('CSV file').setInputFiles(file('designations.csv', [header, good1, bad, good2].join('\r\n')));
    await page.getByRole('button', { name: 'Check the file' }).click();
    await expect(page.getByRole('heading', { name: 'Dry run of designations.csv' })).toBeFocused();
    await expect(page.getByTestId('import-counts')).toHaveText('3 rows: 2 new events, 0 updates, 0 rows without changes, 1 row with problems.');
    const badRow = page.getByTestId('import-row').filter({ hasText: 'Problem' });
    await expect(badRow.getByRole('rowheader')).toHaveText('3');
    await expect(badRow).toContainText('date: Date must be a real date');
    await expect(page.getByRole('button', { name: 'Import 2 events' })).toBeDisabled();
    await expectNoA11yViolations(page);

    // Nothing was written by the dry run.
    const api = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
    const search = async () => ((await (await api.get(`/api/events?q=${tag}`)).json()) as { total: number }).total;
    expect(await search()).toBe(0);

    const fixed = bad.replace('2026-02-30', '2026-02-28');
    await page.getByLabel('CSV file').setInputFiles(file('designations-fixed.csv', [header, good1, fixed, good2].join('\r\n')));
    await page.getByRole('button', { name: 'Check the file' }).click();
    await expect(page.getByTestId('import-counts')).toHaveText('3 rows: 3 new events, 0 updates, 0 rows without changes, 0 rows with problems.');
    await expect(page.getByText(`New actors to be created (as organisations; change that on their pages): Imported Shipping Co ${tag}.`)).toBeVisible();
    await page.getByRole('button', { name: 'Import 3 events' }).click();
    await expect(page.getByRole('status')).toContainText('3 events created, 0 events updated, 0 rows unchanged, 1 new actor.');

    expect(await search()).toBe(3);

    // The same file checked again: its rows are shown as look-alikes of the events just imported.
    await page.getByRole('button', { name: 'Import another file' }).click();
    await page.getByLabel('CSV file').setInputFiles(file('designations-fixed.csv', [header, good1, fixed, good2].join('\r\n')));
    await page.getByRole('button', { name: 'Check the file' }).click();
    await expect(page.getByTestId('import-warnings')).toContainText('3 rows to look at before importing');
    await expect(page.getByTestId('import-row').first()).toContainText(`Looks like event #`);

    await page.goto(`/?q=${tag}`);
    await expect(page.getByTestId('timeline-item')).toHaveCount(3);
    await page.getByRole('link', { name: `Imported designation A ${tag}` }).click();
    // The alias matched the existing actor rather than creating a new one.
    await expect(page.getByRole('link', { name: 'Khalid Qaddour' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'History' })).toContainText('Imported');
  });

  test.describe('with a file the server refuses', () => {
    // The page's upload is answered 400 on purpose here; only a 5xx would be a fault.
    test.use({ expectedHttpErrors: [/\/api\/import$/] });

    test('is told plainly when the file cannot be read at all', async ({ page }) => {
      await page.goto('/import');
      await page.getByLabel('CSV file').setInputFiles(file('notes.csv', 'title;notes\r\nX;Y\r\n'));
      await page.getByRole('button', { name: 'Check the file' }).click();
      // The reason is tied to the file field, so a screen reader reads it with the field.
      await expect(page.getByLabel('CSV file')).toHaveAccessibleDescription(/separated by semicolons/);
      await expect(page.getByLabel('CSV file')).toHaveAttribute('aria-invalid', 'true');
      await page.getByLabel('CSV file').setInputFiles(file('notes.csv', 'title,notes\r\nX,Y\r\n'));
      await page.getByRole('button', { name: 'Check the file' }).click();
      await expect(page.getByLabel('CSV file')).toHaveAccessibleDescription(/Missing required columns: date, type/);
    });
  });
});
