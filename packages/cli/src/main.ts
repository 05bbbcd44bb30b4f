#!/usr/bin/env node
// The `leadline` executable: runs the command line and exits with its code once output is flushed.
import { endQuietlyOnClosedPipe, processIo, runCli } from './index.js';

endQuietlyOnClosedPipe(process);
void runCli(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
