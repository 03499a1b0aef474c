// Stops a command at once, with one line saying what to do, when this Node is older than the
// one package.json's "engines" asks for (a native module built for a newer Node crashes an older
// one with a bare "Segmentation fault"). It runs first, under whatever Node the user has, so it
// is ES5 with no dependencies; no call spans lines, so a formatter adds no trailing comma
// (a syntax error before Node 8).
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose: any Node loads it */
'use strict';

var path = require('path');

var range = require(path.join(__dirname, '..', 'package.json')).engines.node;
var wanted = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(range);
if (!wanted) fail('sortie: package.json "engines.node" must read ">=MAJOR.MINOR", not ' + range);

var minimum = [toNumber(wanted[1]), toNumber(wanted[2]), toNumber(wanted[3])];
var current = process.version.replace(/^v/, '');
var have = current.split('.').map(toNumber);
if (!atLeast(have, minimum)) {
  var shown = minimum[2] ? minimum.join('.') : minimum[0] + '.' + minimum[1];
  var line =
    'sortie: Node ' +
    current +
    ' is too old, Sortie needs ' +
    shown +
    ' or newer: run `source scripts/ensure-node.sh` (or `nvm use`) and try again.';
  fail(line);
}

function toNumber(part) {
  return parseInt(part || '0', 10) || 0;
}

function atLeast(version, floor) {
  for (var i = 0; i < 3; i++) {
    if ((version[i] || 0) !== floor[i]) return (version[i] || 0) > floor[i];
  }
  return true;
}

function fail(message) {
  console.error(message);
  process.exit(1);
}
