/** Exit codes of an interrupted run: 128 + the signal's number, as shells report them. */
export const signalExitCodes = {SIGINT: 130, SIGTERM: 143, SIGHUP: 129} as const;

export type ExitSignal = keyof typeof signalExitCodes;
