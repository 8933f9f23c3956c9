import { describe, expect, it } from 'vitest';
import { confirmLabel } from './confirm-label';

describe('the confirming button', () => {
  it('keeps the names in the label as they are written', () => {
    expect(confirmLabel('Merge Maher Hafez al-Assad into Maher al-Assad')).toBe('Yes, merge Maher Hafez al-Assad into Maher al-Assad');
    expect(confirmLabel('Merge ÖZGÜR Çelik into Recep Tayyip Erdoğan')).toBe('Yes, merge ÖZGÜR Çelik into Recep Tayyip Erdoğan');
  });

  it('lowers only an ordinary first word, not an acronym', () => {
    expect(confirmLabel('Undo this merge')).toBe('Yes, undo this merge');
    expect(confirmLabel('CSV import')).toBe('Yes, CSV import');
    expect(confirmLabel('Élysée statement removal')).toBe('Yes, élysée statement removal');
  });
});
