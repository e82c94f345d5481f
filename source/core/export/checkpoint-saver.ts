import {type Checkpoint, saveCheckpoint} from './export-checkpoint.js';

// The checkpoint is rewritten at most every 200 ms while pages are committed (and whenever a walk ends
// or stops): a kill in between cuts the partial file back to the last one, and those few pages are
// fetched again.

const checkpointEveryMs = 200;

export class CheckpointSaver {
	private savedAt = 0;

	constructor(readonly file: string) {}

	/** Whether this run has written a checkpoint yet. */
	get saved(): boolean {
		return this.savedAt !== 0;
	}

	async save(checkpoint: Checkpoint): Promise<void> {
		await saveCheckpoint(this.file, checkpoint);
		this.savedAt = Date.now();
	}

	async saveWhenDue(checkpoint: Checkpoint): Promise<void> {
		if (Date.now() - this.savedAt >= checkpointEveryMs) await this.save(checkpoint);
	}
}
