#!/usr/bin/env node
// The `lava` command: a thin launcher for the bundled CLI (built by `npm run build`, which `npm ci` runs).
require('../dist/cli.js').run();
