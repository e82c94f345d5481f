import {platform, setPriority} from 'node:os';

/**
 * Lowers the calling worker thread's priority. On Linux `setpriority(PRIO_PROCESS, 0)` applies to
 * the calling thread only; elsewhere it would slow the whole process, the screen included, so it is
 * left alone there.
 */
export function niceThisThread(nice: number | undefined): void {
	if (nice === undefined || nice === 0 || platform() !== 'linux') return;
	try {
		setPriority(nice);
	} catch {
		// Not allowed (a sandbox): the run is the same, only the screen may answer a little later
	}
}
