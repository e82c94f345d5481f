// The failures a caller must tell apart, as classes: a cancel is not a failure, a failed commit may
// have put some files in place already. Callers test them with `instanceof`, never by their message.

/** A failure the user can act on: its message is one line, fit to show as it is. */
export class UserError extends Error {}

/** The work stopped because it was asked to (a signal, a key): nothing to report as a failure. */
export class Cancelled extends Error {
	constructor(message = 'cancelled') {
		super(message);
	}
}

/** Putting finished files in place failed part way: `written` names the ones already in place. */
export class CommitError extends UserError {
	constructor(
		message: string,
		readonly written: readonly string[] = [],
	) {
		super(message);
	}
}
