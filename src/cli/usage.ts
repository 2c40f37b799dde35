// The error a command throws for a bad command line or a missing file (exit code 2). Its own
// module so that main.ts can catch it without loading any command.

/** A problem with the command line or the file system (exit code 2). */
export class UsageError extends Error {}
