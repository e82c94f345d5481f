/**
 * Whether a process with this id runs on this machine. EPERM says it exists but belongs to someone we
 * may not signal; only ESRCH says it is gone.
 */
export function isProcessAlive(pid: number): boolean {
	// 0 and negative ids name process groups, not one process
	if (!Number.isSafeInteger(pid) || pid <= 0) return false;
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}
