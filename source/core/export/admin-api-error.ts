import {UserError} from '../errors.js';

/** A failure of the export the user can act on: its message is one line, without the API key. */
export class AdminApiError extends UserError {
	readonly status: number | undefined;
	/** Discarding the interrupted export's checkpoint (`--restart`, or the screen's offer) gets past it. */
	readonly restartHelps: boolean;
	/** Raised before this run touched the export (its outputs clash, or another run holds them). */
	readonly beforeStart: boolean;

	constructor(
		message: string,
		{status, restartHelps = false, beforeStart = false}: {status?: number; restartHelps?: boolean; beforeStart?: boolean} = {},
	) {
		super(message);
		this.status = status;
		this.restartHelps = restartHelps;
		this.beforeStart = beforeStart;
	}
}
