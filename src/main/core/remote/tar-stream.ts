/**
 * Reads the regular files of a tar stream (ustar, with GNU long names and pax path records),
 * which is all poll-runs.sh's GNU tar produces. Returns name -> content in stream order.
 */
export function readTarFiles(data: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  let at = 0;
  let longName: string | null = null;
  while (at + 512 <= data.length) {
    const header = data.subarray(at, at + 512);
    if (header.every((byte) => byte === 0)) break; // end-of-archive blocks
    const size = parseOctal(header.subarray(124, 136));
    const type = String.fromCharCode(header[156] ?? 0x30);
    const contentStart = at + 512;
    const content = data.subarray(contentStart, contentStart + size);
    if (content.length < size) throw new Error('tar stream is truncated');
    at = contentStart + Math.ceil(size / 512) * 512;
    if (type === 'L') {
      longName = cString(content);
      continue;
    }
    if (type === 'x') {
      longName = paxPath(content) ?? longName;
      continue;
    }
    const prefix = cString(header.subarray(345, 500));
    const name =
      longName ??
      (prefix ? `${prefix}/${cString(header.subarray(0, 100))}` : cString(header.subarray(0, 100)));
    longName = null;
    if (type === '0' || type === '\0') files.set(name, Buffer.from(content));
  }
  return files;
}

function cString(bytes: Buffer): string {
  const end = bytes.indexOf(0);
  return bytes.subarray(0, end < 0 ? bytes.length : end).toString('utf8');
}

function parseOctal(field: Buffer): number {
  const text = cString(field).trim();
  return text === '' ? 0 : parseInt(text, 8);
}

function paxPath(content: Buffer): string | null {
  let at = 0;
  while (at < content.length) {
    const space = content.indexOf(0x20, at);
    if (space < 0) break;
    const length = Number(content.subarray(at, space).toString('latin1'));
    if (!length) break;
    const record = content.subarray(space + 1, at + length - 1).toString('utf8');
    if (record.startsWith('path=')) return record.slice(5);
    at += length;
  }
  return null;
}
