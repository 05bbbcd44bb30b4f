#!/usr/bin/env node
// The `leadline` executable. A committed file, not a build output, so package managers link the bin
// even before the first build; the command itself is the compiled dist/main.js.
import '../dist/main.js';
