import { z } from 'zod';
import { AGENTS } from '../domain/dispatch';
import {
  DEFAULT_MAX_CONCURRENT,
  DEFAULT_REGISTRY_PATH,
  DEFAULT_WORKSPACE_ROOT,
  HOST_KEY_POLICIES,
} from '../domain/runner';
import { channel } from './define';
import {
  idSchema,
  multiLineText,
  requiredLine,
  singleLine,
  timestampSchema,
  wholeNumberBetween,
} from './common';
import { errorCodeSchema } from './errors';
import { remotePathSchema } from './remote-path';

export const agentSchema = z.enum(AGENTS);
export const hostKeyPolicySchema = z.enum(HOST_KEY_POLICIES);

/**
 * How a runner authenticates. Secrets (passphrases, imported key material) never appear here:
 * they stay in the main process, and the renderer only learns whether one is stored.
 */
export const runnerAuthSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('keyFile'), keyPath: z.string(), hasPassphrase: z.boolean() }),
  z.object({ kind: z.literal('importedKey'), hasPassphrase: z.boolean() }),
  z.object({ kind: z.literal('agent') }),
]);
export type RunnerAuth = z.infer<typeof runnerAuthSchema>;

export const runnerSchema = z.object({
  id: idSchema,
  name: z.string(),
  /** A host name, an address, or a Host alias from ~/.ssh/config. */
  host: z.string(),
  port: z.number().int().nullable(),
  user: z.string().nullable(),
  auth: runnerAuthSchema,
  hostKeyPolicy: hostKeyPolicySchema,
  workspaceRoot: z.string(),
  registryPath: z.string(),
  shellPrelude: z.string(),
  defaultAgent: agentSchema,
  maxConcurrent: z.number().int().positive(),
  isDefault: z.boolean(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Runner = z.infer<typeof runnerSchema>;

export const runnerAuthInput = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('keyFile'),
      /** A file on this computer, not on the runner. */
      keyPath: requiredLine(1000),
      /** Omitted keeps the stored passphrase; '' removes it. */
      passphrase: singleLine(1000).optional(),
    })
    .strict(),
  z.object({ kind: z.literal('importedKey') }).strict(),
  z.object({ kind: z.literal('agent') }).strict(),
]);

export const runnerUpsertInput = z
  .object({
    id: idSchema.optional(),
    name: requiredLine(100),
    host: requiredLine(255).refine((s) => !/\s/.test(s), 'must not contain spaces'),
    port: wholeNumberBetween(1, 65535).nullable().default(null),
    user: requiredLine(100).nullable().default(null),
    auth: runnerAuthInput.default({ kind: 'agent' }),
    hostKeyPolicy: hostKeyPolicySchema.default('accept-new'),
    workspaceRoot: remotePathSchema.default(DEFAULT_WORKSPACE_ROOT),
    registryPath: remotePathSchema.default(DEFAULT_REGISTRY_PATH),
    shellPrelude: multiLineText(20_000).default(''),
    defaultAgent: agentSchema.default('codex'),
    maxConcurrent: wholeNumberBetween(1, 64).default(DEFAULT_MAX_CONCURRENT),
    isDefault: z.boolean().default(false),
  })
  .strict();
export type RunnerUpsertInput = z.input<typeof runnerUpsertInput>;

export const RUNNER_CHECK_IDS = [
  'connect',
  'host-key',
  'prelude',
  'git',
  'gh',
  'gh-auth',
  'codex',
  'claude',
  'workspace',
] as const;

export const runnerCheckSchema = z.object({
  id: z.enum(RUNNER_CHECK_IDS),
  ok: z.boolean(),
  /**
   * A failed check this runner can do without (an agent CLI other than its default agent):
   * shown as a warning, and not counted against the result's `ok`.
   */
  warning: z.boolean(),
  message: z.string(),
});
export type RunnerCheck = z.infer<typeof runnerCheckSchema>;

export const hostKeyReportSchema = z.object({
  outcome: z.enum(['known', 'recorded', 'unknown-refused', 'mismatch']),
  /** The fingerprint the runner presented (SHA256:...). */
  fingerprint: z.string(),
  /** For a mismatch: the fingerprints recorded before. */
  expected: z.array(z.string()),
});
export type HostKeyReport = z.infer<typeof hostKeyReportSchema>;

export const runnerTestResultSchema = z.object({
  /** Every check passed, or failed only as a warning. */
  ok: z.boolean(),
  checks: z.array(runnerCheckSchema),
  hostKey: hostKeyReportSchema.nullable(),
  /** Set when the connection itself failed, e.g. PASSPHRASE_REQUIRED to ask for the passphrase. */
  errorCode: errorCodeSchema.nullable(),
  /** When the test finished. */
  testedAt: timestampSchema,
});
export type RunnerTestResult = z.infer<typeof runnerTestResultSchema>;

/** A runner's latest test, kept across restarts until the next test or a change of how it connects. */
export const runnerLastTestSchema = z.object({ runnerId: idSchema, result: runnerTestResultSchema });
export type RunnerLastTest = z.infer<typeof runnerLastTestSchema>;

export const runnerImportKeyInput = z
  .object({
    id: idSchema,
    /** The private key file's text (OpenSSH or PEM). */
    privateKey: multiLineText(64 * 1024)
      .min(1, 'must not be empty')
      .refine(
        (s) => /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(s),
        'must be a private key file (-----BEGIN ... PRIVATE KEY-----)',
      ),
    passphrase: singleLine(1000).optional(),
  })
  .strict();

export const runnerChannels = {
  'runners.list': channel('runners.list', z.object({}).strict().default({}), z.array(runnerSchema)),
  'runners.upsert': channel('runners.upsert', runnerUpsertInput, runnerSchema),
  'runners.remove': channel(
    'runners.remove',
    z.object({ id: idSchema }).strict(),
    z.object({ removed: z.literal(true) }),
  ),
  /** Connects, checks the host key, runs the prelude and reports each tool the runner needs. */
  'runners.test': channel('runners.test', z.object({ id: idSchema }).strict(), runnerTestResultSchema),
  /** Each runner's latest test (runners without one are left out). */
  'runners.lastTests': channel(
    'runners.lastTests',
    z.object({}).strict().default({}),
    z.array(runnerLastTestSchema),
  ),
  /** Stores a private key in the data directory (mode 0600) and makes the runner use it. */
  'runners.importKey': channel('runners.importKey', runnerImportKeyInput, runnerSchema),
  /** Forgets the recorded host key of the runner, so the next contact records the new one. */
  'runners.forgetHostKey': channel(
    'runners.forgetHostKey',
    z.object({ id: idSchema }).strict(),
    z.object({ removedEntries: z.number().int().nonnegative() }),
  ),
} as const;
