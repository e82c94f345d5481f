import {randomBytes} from 'node:crypto';
import path from 'node:path';

// The temporary files AtomicFile writes beside a target are `.<name>.<pid>-<12 hex>.partial`: hidden,
// never a name an output takes, and naming the process that writes them, so a later run can tell the
// leftovers of a killed run from the files of one still running. Before the pid was added they were
// `.<name>.<12 hex>.partial`; those are still recognised, to be judged by age.

const withPid = /^(\d{1,10})-[\da-f]{12}$/;
const withoutPid = /^[\da-f]{12}$/;

/** A fresh temporary path beside `target`, for this process. */
export function temporaryPathFor(target: string, pid = process.pid): string {
	return path.join(path.dirname(target), `.${path.basename(target)}.${pid}-${randomBytes(6).toString('hex')}.partial`);
}

/**
 * Whether `name` (a bare file name) is a temporary file for a target named `base`; `pid` is the writer,
 * undefined for the older names without one.
 */
export function parseTemporaryName(name: string, base: string): {pid: number | undefined} | undefined {
	const prefix = `.${base}.`;
	const suffix = '.partial';
	if (name.length <= prefix.length + suffix.length || !name.startsWith(prefix) || !name.endsWith(suffix)) return undefined;
	const middle = name.slice(prefix.length, -suffix.length);
	const match = withPid.exec(middle);
	if (match) return {pid: Number(match[1])};
	return withoutPid.test(middle) ? {pid: undefined} : undefined;
}
