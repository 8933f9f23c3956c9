import { describe, expect, it } from 'vitest';
import { exportFileName } from './export-request';

describe('export file names', () => {
  it('says what was exported and when', () => {
    expect(exportFileName(['designation', 'SY', '2020-2023'], '2026-11-27')).toBe('events_designation_SY_2020-2023_2026-11-27.csv');
    expect(exportFileName([], '2026-11-27')).toBe('events_2026-11-27.csv');
  });

  it('keeps only safe characters', () => {
    expect(exportFileName(['../../etc/passwd', 'Erdoğan "x"', 'a\r\nb'], '2026-11-27')).toBe('events_etc-passwd_Erdogan-x_a-b_2026-11-27.csv');
  });
});
