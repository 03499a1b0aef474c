import { join } from 'node:path';
import { serveHeadless } from './serve';

// `npm run serve`: the headless host's own entry (out/main/server.js). The renderer is built next
// to the entry (out/renderer/); code bundled into a shared chunk cannot find it from its own place.
void serveHeadless(process.argv.slice(2), join(__dirname, '../renderer'));
