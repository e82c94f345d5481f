import {describeIoError} from '../../core/engine/read-batches.js';

/**
 * One line for a failure that has no message of its own for people: a file system error names its
 * file and says what went wrong in words ("no such file"), not as `ENOENT: … open '…'`.
 */
export function describeFailure(error: unknown): string {
	const {code, path} = error as NodeJS.ErrnoException;
	if (typeof code === 'string' && code.startsWith('E')) {
		const reason = describeIoError(error);
		const said = reason.startsWith(`${code}:`)
			? reason
					.slice(code.length + 1)
					.split(',')[0]!
					.trim()
			: reason;
		return path ? `${path}: ${said}` : said;
	}

	return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}
