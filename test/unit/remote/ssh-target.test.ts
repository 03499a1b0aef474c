import { describe, expect, it } from 'vitest';
import { resolveSshTarget } from '../../../src/main/core/remote/ssh-target';

const config = `
Host buildbox
  HostName 10.1.2.3
  User builder
  Port 2200
  IdentityFile ~/.ssh/buildbox_key
  ProxyJump bastion

Host bastion
  HostName bastion.example
  User jumper

Host chain
  HostName 10.9.9.9
  ProxyJump first@hop1:2201,hop2

Host *
  User fallback
`;

const runner = (host: string, port: number | null = null, user: string | null = null) => ({
  name: 'r',
  host,
  port,
  user,
});

describe('ssh config resolution', () => {
  it('applies HostName, User, Port, IdentityFile and one ProxyJump hop from the matching blocks', () => {
    const target = resolveSshTarget(runner('buildbox'), config);
    expect(target).toMatchObject({ label: 'buildbox', hostName: '10.1.2.3', port: 2200, user: 'builder' });
    expect(target.identityFiles[0]).toMatch(/\/\.ssh\/buildbox_key$/);
    expect(target.jump).toMatchObject({ hostName: 'bastion.example', port: 22, user: 'jumper', jump: null });
  });

  it("lets the runner's own port and user win over the config", () => {
    expect(resolveSshTarget(runner('buildbox', 2222, 'me'), config)).toMatchObject({
      port: 2222,
      user: 'me',
    });
  });

  it('follows a ProxyJump chain in order, with inline user and port', () => {
    const target = resolveSshTarget(runner('chain'), config);
    expect(target.jump).toMatchObject({ hostName: 'hop2', user: 'fallback' });
    expect(target.jump?.jump).toMatchObject({ hostName: 'hop1', port: 2201, user: 'first', jump: null });
  });

  it('uses the host as given when no config matches or none exists', () => {
    expect(resolveSshTarget(runner('plain.example', 2022, 'u'), null)).toMatchObject({
      hostName: 'plain.example',
      port: 2022,
      user: 'u',
      jump: null,
    });
  });
});
