import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { OrgId } from '@leadline/domain';
import { contactStream } from './contact-streams.js';

describe('contactStream', () => {
  it('names the stream as earlier versions did, so reservations already stored are found again', () => {
    expect(contactStream(OrgId('acme'), { kind: 'email', value: 'ada@example.com' })).toBe(
      'contact-acme-email-b5fc85e55755f9e0d030a10ab4429b6b',
    );
    for (const value of ['+442079460958', 'ünïcødé@example.com', '']) {
      const digest = createHash('sha256').update(value).digest('hex').slice(0, 32);
      expect(contactStream(OrgId('o-1'), { kind: 'phone', value })).toBe(`contact-o-1-phone-${digest}`);
    }
  });
});
