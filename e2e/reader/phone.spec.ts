/**
 * A reader on a phone (390 × 844 CSS pixels, a touch screen): the results come first, nothing
 * jumps while the page loads, filtering keeps the page where it was, and the chart can be read.
 */
import type { Page } from '@playwright/test';
import { expect, expectNoA11yViolations, test } from '../fixtures';

const VIEWPORT = { width: 390, height: 844 };
const filters = (page: Page) => page.getByRole('search', { name: 'Filter the timeline' });

/** The layout shift the page has had so far, as the browser scores it (what Lighthouse sums up). */
function layoutShift(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
            if (!entry.hadRecentInput) total += entry.value;
          }
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => resolve(total), 300);
      }),
  );
}

test.describe('A reader on a phone', () => {
  test.use({ viewport: VIEWPORT, isMobile: true, hasTouch: true });

  test('sees the first result on the first screen, and nothing moves once the page has loaded', async ({ page }) => {
    await page.goto('/', { waitUntil: 'load' });
    const first = page.getByTestId('timeline-item').first();
    await expect(first).toBeVisible();
    const box = (await first.boundingBox())!;
    expect(box.y, 'top of the first result, in CSS pixels from the top of the screen').toBeLessThan(VIEWPORT.height);
    // The filters wait behind one button, closed as the server sent them.
    await expect(page.getByText('Filters', { exact: true })).toBeVisible();
    await expect(filters(page)).toBeHidden();
    await page.waitForLoadState('networkidle');
    expect(await layoutShift(page)).toBeLessThan(0.05);
    expect((await first.boundingBox())!.y).toBe(box.y);
    await expectNoA11yViolations(page);
  });

  test('applies a search and ticks a filter, and what was under the thumb stays there', async ({ page }) => {
    await page.goto('/');
    await page.getByText('Filters', { exact: true }).click();
    const panel = filters(page);
    await expect(panel).toBeVisible();
    /** Where a control is on the screen (not in the page): what the reader sees move or not. */
    const screenY = async (control: ReturnType<Page['getByRole']>) => Math.round((await control.boundingBox())!.y);

    // Typed, then "Apply filters" at the foot of the panel, far down the page.
    await panel.getByRole('searchbox').fill('Syria');
    const apply = panel.getByRole('button', { name: 'Apply filters' });
    await apply.scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    const applyAt = await screenY(apply);
    await apply.click();
    await expect(page).toHaveURL(/\?q=Syria/);
    await expect(page.getByTestId('filter-chip')).toHaveCount(1);
    // The panel grew above the button (the order of the results appears with a search); the page
    // kept the button where it was rather than the top of the page.
    expect(Math.abs((await screenY(apply)) - applyAt)).toBeLessThanOrEqual(2);
    await expect(panel).toBeVisible();

    // A ticked box: the box stays under the thumb, ticked, the panel open.
    const box = panel.getByRole('checkbox', { name: /Official statements/ });
    await box.scrollIntoViewIfNeeded();
    const boxAt = await screenY(box);
    await box.check();
    await expect(page).toHaveURL(/type=statement/);
    await expect(page.getByTestId('filter-chip')).toHaveCount(2);
    expect(Math.abs((await screenY(box)) - boxAt)).toBeLessThanOrEqual(2);
    await expect(box).toBeChecked();
    await expectNoA11yViolations(page);
  });

  test('sees every event whole, none running over the next, even those not yet scrolled to', async ({ page }) => {
    // Items laid out with a placeholder height while off screen spilled their tags over the next
    // event's title: a finger aiming at one hit the other, and Lighthouse's target-size audit failed.
    await page.goto('/', { waitUntil: 'load' });
    const spills = await page.getByTestId('timeline-item').evaluateAll((items) =>
      items.flatMap((item) => {
        const box = item.getBoundingClientRect();
        const bottom = Math.max(...[...item.querySelectorAll('*')].map((e) => e.getBoundingClientRect().bottom));
        return bottom > box.bottom + 1 ? [`${item.getAttribute('aria-labelledby')}: ${Math.round(bottom - box.bottom)} px over`] : [];
      }),
    );
    expect(spills).toEqual([]);
  });

  test('reads the chart: its labels as large as the page’s small print, and none on top of another', async ({ page }) => {
    await page.goto('/');
    const chart = page.getByTestId('density-chart');
    await expect(chart).toBeVisible();
    const labels = await chart.getByTestId('chart-axis-label').evaluateAll((nodes) =>
      nodes
        .map((n) => ({ rect: n.getBoundingClientRect(), size: parseFloat(getComputedStyle(n).fontSize), text: n.textContent }))
        .filter((l) => l.rect.width > 0)
        .map((l) => ({ left: l.rect.left, right: l.rect.right, height: l.rect.height, size: l.size, text: l.text })),
    );
    expect(labels.length).toBeGreaterThanOrEqual(2);
    for (const label of labels) {
      // HTML text, not scaled with the SVG: its rendered size is its computed size.
      expect(label.size, `font size of "${label.text}"`).toBeGreaterThanOrEqual(11);
      expect(label.height).toBeGreaterThanOrEqual(11);
    }
    for (let i = 1; i < labels.length; i++) expect(labels[i]!.left, `"${labels[i]!.text}" clear of "${labels[i - 1]!.text}"`).toBeGreaterThan(labels[i - 1]!.right);
    // The chart fits the screen: the page does not scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(VIEWPORT.width);
  });
});

test.describe('A reader on a wide screen', () => {
  test('has the filters beside the results from the first paint, with no button to open them', async ({ page }) => {
    await page.goto('/');
    const panel = filters(page);
    await expect(panel).toBeVisible();
    await expect(page.getByText('Filters', { exact: true })).toBeHidden();
    const results = page.getByTestId('timeline-item').first();
    expect((await panel.boundingBox())!.x).toBeLessThan((await results.boundingBox())!.x);
    // Keyboard: the first control of the panel is reached with Tab, the summary is skipped.
    await panel.getByRole('searchbox').focus();
    await expect(panel.getByRole('searchbox')).toBeFocused();
  });
});
