/** Secret names are derived from the runner id; the renderer only ever sees `hasPassphrase`. */
export const runnerSecretNames = (runnerId: string) => ({
  passphrase: `runner:${runnerId}:passphrase`,
  importedKey: `runner:${runnerId}:key`,
});
