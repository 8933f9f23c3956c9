import { join } from 'node:path';
import { expect, expectNoA11yViolations, test } from './fixtures';
import { field } from './helpers';

// Hand-written TEST fixtures in the real OFAC sdn.xml format (lib/lists/fixtures/README.md).
const fixture = (name: string) => join(import.meta.dirname, '..', '..', 'lib', 'lists', 'fixtures', name);

test.describe('An editor reviews what changed between two versions of the OFAC SDN list', () => {
  test.use({ signedInAs: 'editor' });

  test('uploads both versions, matches parties by identifier and by alias, accepts the designation onto the timeline citing the version, and rejects the removal', async ({ page }) => {
    test.slow();
    // Two actors already recorded: one with the OFAC UID of an entry, one with another entry's name as an alias.
    const create = async (name: string, aliases: string, ofac = '') => {
      await page.goto('/entities/new');
      await field(page, 'Name').fill(name);
      await field(page, 'Aliases').fill(aliases);
      if (ofac) await field(page, 'OFAC UID').fill(ofac);
      await page.getByRole('button', { name: 'Create actor' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
    };
    await create('Bank of Testing', 'TB2', '90002');
    await create('Removed Person', 'Test Person Three');

    await page.goto('/');
    await page.getByRole('link', { name: 'Lists' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Official sanctions lists');

    const outcome = page.getByTestId('list-import-outcome');
    await page.getByRole('combobox', { name: 'List' }).selectOption({ label: 'OFAC SDN list' });
    await page.getByLabel('List file').setInputFiles(fixture('ofac-sdn-v1.xml'));
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(outcome).toContainText('ofac-sdn-v1.xml, 4 entries, published 2026-11-03.');
    await expect(outcome).toContainText('The first version of this list: stored as the baseline');

    await page.getByLabel('List file').setInputFiles(fixture('ofac-sdn-v2.xml'));
    await page.getByRole('button', { name: 'Check only (dry run)' }).click();
    await expect(outcome).toContainText('Checked, nothing written');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(outcome).toContainText('1 designation, 1 amendment, 1 removal proposed');
    // The versions table shows both, the second with its three changes open.
    await expect(page.getByRole('table', { name: /Versions of the OFAC SDN list/ })).toContainText('3 open');
    await expectNoA11yViolations(page);

    await outcome.getByRole('link', { name: /Review version #\d+/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('OFAC SDN list, version published 2026-11-10');
    await expect(page.getByRole('heading', { name: 'To review (3)' })).toBeVisible();

    const designation = page.getByRole('article', { name: 'Designation: Test Person FIVE' });
    await expect(designation).toContainText('Event date: November 2026 (the period between the two versions)');
    await expect(designation).toContainText('No actor shares an identifier with this entry or a name close to it.');
    await designation.getByRole('button', { name: 'Create a new actor from this entry' }).click();
    await expect(designation).toContainText('Listed party: Test Person FIVE');
    await designation.getByRole('button', { name: 'Accept Test Person FIVE', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'To review (2)' })).toBeVisible();
    await expect(designation.getByTestId('proposal-status')).toContainText('Accepted by');
    await expectNoA11yViolations(page);

    // By identifier: the actor with the entry's OFAC UID is suggested as certain; confirming matches it.
    const amendment = page.getByRole('article', { name: 'Amendment: TEST BANK TWO' });
    await expect(amendment).toContainText('Bank of Testing · Person · same identifier (ofac-uid 90002)');
    await amendment.getByRole('button', { name: 'Confirm Bank of Testing' }).click();
    await expect(amendment).toContainText('Listed party: Bank of Testing (by identifier: ofac-uid 90002');

    // By alias: suggested with its score, matched once confirmed.
    const removal = page.getByRole('article', { name: 'Removal: Test Person THREE' });
    await expect(removal).toContainText('Removed Person · Person · name score 1.00: “Test Person THREE” ~ “Test Person Three”');
    await removal.getByRole('button', { name: 'Confirm Removed Person' }).click();
    await expect(removal).toContainText('Listed party: Removed Person (by name');
    await removal.getByRole('button', { name: 'Reject Test Person THREE' }).click();
    await expect(removal.getByTestId('proposal-status')).toContainText('Rejected by');
    await expect(page.getByRole('heading', { name: 'To review (1)' })).toBeVisible();

    // The accepted designation is a published event on the timeline, citing the list version.
    await page.goto('/?q=Test+Person+FIVE');
    await page.getByRole('link', { name: 'Test Person FIVE: listed on the OFAC SDN list' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Test Person FIVE: listed on the OFAC SDN list');
    await expect(page.getByRole('link', { name: /^OFAC SDN list, version published 2026-11-10/ })).toBeVisible();
    // The actor's page lists the entry, version by version.
    await page.getByRole('link', { name: 'Test Person FIVE', exact: true }).first().click();
    await expect(page.getByRole('region', { name: 'On official sanctions lists' })).toContainText('not listed');
    await expect(page.getByRole('region', { name: 'On official sanctions lists' })).toContainText('Test Person FIVE · SYRIA');
  });
});
