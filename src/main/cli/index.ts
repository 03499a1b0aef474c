import { join } from 'node:path';
import { runCli } from './main';

// The `sortie` command line (out/main/cli.js, started by bin/sortie.cjs); `sortie serve` serves
// the renderer built next to it (out/renderer/).
let status = 0;
// A reader that went away (`sortie logs … | head`) is not an error: leave with the status so far.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(status);
    throw error;
  });
}
void runCli(process.argv.slice(2), { rendererDir: join(__dirname, '../renderer') }).then((done) => {
  status = done;
  // Both streams drained before leaving: a pipe reader must get every line.
  process.stdout.write('', () => process.stderr.write('', () => process.exit(status)));
});
