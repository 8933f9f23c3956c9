import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { FacetOption } from '@/db/queries/facets';
import { FacetGroup } from './facet-group';

const options: FacetOption<string>[] = Array.from({ length: 30 }, (_, i) => ({
  value: `C${String(i).padStart(2, '0')}`,
  label: `Country ${i}`,
  count: 30 - i,
  selected: i === 20,
}));

const render = (props: { expandHref?: string; expanded?: boolean }) =>
  renderToStaticMarkup(
    <FacetGroup legend="Country" name="country" options={options} isChecked={(v) => v === 'C20'} onToggle={() => {}} moreLabel="More countries (21)" {...props} />,
  );

const checkboxes = (html: string) => [...html.matchAll(/<input[^>]* value="(C\d\d)"/g)].map((m) => m[1]);

describe('a long facet list', () => {
  it('is served with its first options and every checked one, the rest behind a link that works without JavaScript', () => {
    const html = render({ expandHref: '/?country=C20&more=country#more-country' });
    expect(checkboxes(html)).toEqual(['C00', 'C01', 'C02', 'C03', 'C04', 'C05', 'C06', 'C07', 'C20']);
    expect(html).toContain('<summary class="cursor-pointer px-1 text-sm text-blue-700 dark:text-blue-300">More countries (21)</summary>');
    expect(html).toContain('<a href="/?country=C20&amp;more=country#more-country" class="mt-1 block px-1 text-sm">Show all 30 options</a>');
    expect(html).not.toMatch(/<details[^>]*open/);
  });

  it('is served whole and open when the page was asked for it (more=country)', () => {
    const html = render({ expandHref: '/?more=country', expanded: true });
    expect(checkboxes(html)).toHaveLength(30);
    expect(html).toMatch(/<details id="more-country" open="">/);
    expect(html).not.toContain('Show all');
  });

  it('renders every option where no page can show the whole list', () => {
    expect(checkboxes(render({}))).toHaveLength(30);
  });
});
