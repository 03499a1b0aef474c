#!/usr/bin/env node
// The `sortie` command. Plain CommonJS, so that under a too-old Node the check below answers
// with a sentence instead of the native database module crashing.
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose: any Node loads it */
'use strict';

var fs = require('fs');
var path = require('path');

// Exits with one line when this Node is older than package.json's "engines" asks for.
require(path.join(__dirname, '..', 'scripts', 'check-node.cjs'));
var cli = path.join(__dirname, '..', 'out', 'main', 'cli.js');
if (!fs.existsSync(cli)) {
  console.error('sortie is not built yet: run `npm run build` in the Sortie folder first.');
  process.exit(2);
}
require(cli);
