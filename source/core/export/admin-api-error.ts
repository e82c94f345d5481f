/** A failure of the export the user can act on: its message is one line, without the API key. */
export class AdminApiError extends Error {
	readonly status: number | undefined;
	/** Discarding the interrupted export's checkpoint (`--restart`, or the pane's offer) gets past it. */
	readonly restartHelps: boolean;

	constructor(message: string, {status, restartHelps = false}: {status?: number; restartHelps?: boolean} = {}) {
		super(message);
		this.status = status;
		this.restartHelps = restartHelps;
	}
}
