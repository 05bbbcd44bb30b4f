// The exit codes every command keeps: scripts branch on them.
export const ExitCode = {
  Ok: 0,
  /** The command was refused (a domain rule, a permission, a broken hash chain) or its input was bad. */
  Refused: 1,
  /** The command line itself was wrong: unknown command or option, missing argument, bad choice. */
  Usage: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
