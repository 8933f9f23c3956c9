import { describe, expect, it } from 'vitest';
import { savedViewNameSchema, webhookUrlSchema } from './saved-view';

describe('a saved view name', () => {
  it('is trimmed and kept when 1 to 80 characters', () => {
    expect(savedViewNameSchema.parse('  Caesar Act designations ')).toBe('Caesar Act designations');
    expect(savedViewNameSchema.parse('x'.repeat(80))).toHaveLength(80);
  });

  it('is refused when empty, blank or longer than 80 characters, with a message', () => {
    expect(savedViewNameSchema.safeParse('').error?.issues[0]?.message).toMatch(/Name is required/);
    expect(savedViewNameSchema.safeParse('   ').error?.issues[0]?.message).toMatch(/Name is required/);
    expect(savedViewNameSchema.safeParse('x'.repeat(81)).error?.issues[0]?.message).toMatch(/at most 80/);
  });
});

describe('a webhook URL', () => {
  it('accepts http and https', () => {
    expect(webhookUrlSchema.parse(' https://hooks.example.org/tracker#x ')).toBe('https://hooks.example.org/tracker');
    expect(webhookUrlSchema.parse('http://127.0.0.1:8080/in')).toBe('http://127.0.0.1:8080/in');
  });

  it('refuses other schemes, credentials and non-URLs with a message', () => {
    expect(webhookUrlSchema.safeParse('ftp://example.org/').error?.issues[0]?.message).toMatch(/Only http and https.*not ftp/);
    expect(webhookUrlSchema.safeParse('javascript:alert(1)').error?.issues[0]?.message).toMatch(/Only http and https/);
    expect(webhookUrlSchema.safeParse('file:///etc/passwd').error?.issues[0]?.message).toMatch(/Only http and https/);
    expect(webhookUrlSchema.safeParse('https://user:pw@example.org/').error?.issues[0]?.message).toMatch(/user name and password/);
    expect(webhookUrlSchema.safeParse('example.org/hook').error?.issues[0]?.message).toMatch(/full URL/);
    expect(webhookUrlSchema.safeParse('').error?.issues[0]?.message).toMatch(/required/);
  });
});
