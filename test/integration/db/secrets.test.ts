import { describe, expect, it } from 'vitest';
import { useDatabase } from './helpers';

describe('secret repository', () => {
  const env = useDatabase();

  it('stores, replaces and removes secrets as bytes', () => {
    const { repos } = env();
    repos.secrets.set('runner:a:passphrase', Buffer.from('hunter2'), false);
    expect(repos.secrets.get('runner:a:passphrase')).toEqual({
      value: Buffer.from('hunter2'),
      encrypted: false,
    });
    repos.secrets.set('runner:a:passphrase', Buffer.from([0, 1, 2]), true);
    expect(repos.secrets.get('runner:a:passphrase')).toEqual({
      value: Buffer.from([0, 1, 2]),
      encrypted: true,
    });
    repos.secrets.remove('runner:a:passphrase');
    expect(repos.secrets.get('runner:a:passphrase')).toBeNull();
  });

  it('removes by a literal prefix', () => {
    const { repos } = env();
    for (const name of ['runner:a_1:key', 'runner:a_1:passphrase', 'runner:ab1:key', 'runner:b:key']) {
      repos.secrets.set(name, Buffer.from(name), false);
    }
    repos.secrets.removePrefix('runner:a_1:');
    expect(repos.secrets.get('runner:a_1:key')).toBeNull();
    expect(repos.secrets.get('runner:a_1:passphrase')).toBeNull();
    expect(repos.secrets.get('runner:ab1:key')).not.toBeNull();
    expect(repos.secrets.get('runner:b:key')).not.toBeNull();
  });
});
