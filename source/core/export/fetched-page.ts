import type {AdminUser} from './admin-user.js';
import {needsResetLine} from './needs-reset-csv.js';
import {type ExportNotes, noNotes, toImportUser} from './to-import-user.js';

// A fetched page, already in the strings it will be written as: the user objects are not kept while
// the page waits for its turn to be committed.

export type FetchedUser = {
	id: string;
	createdAt: string;
	line: string | undefined;
	raw: string | undefined;
	contact: string | undefined;
	/** Deleted between the list and its own look-up (`--deep`). */
	gone: boolean;
	notes: ExportNotes;
};

export type FetchedPage = {
	total: number | undefined;
	count: number;
	fingerprint: number;
	items: FetchedUser[];
};

export type PageForm = {
	/** Already exported: a `--deep` look-up was not made for it. */
	known: (id: string) => boolean;
	/** With `--deep`: the users' full objects, by id (absent: deleted meanwhile). */
	full: ReadonlyMap<string, AdminUser> | undefined;
	raw: boolean;
};

export function fetchedPage(users: readonly AdminUser[], total: number | undefined, form: PageForm): FetchedPage {
	const {full} = form;
	return {
		total,
		count: users.length,
		fingerprint: fingerprintOf(users),
		items: users.map(listed => {
			const notes = noNotes();
			const gone = full !== undefined && !form.known(listed.id) && full.get(listed.id) === undefined;
			const user = full?.get(listed.id) ?? listed;
			const line = gone ? undefined : JSON.stringify(toImportUser(user, notes));
			return {
				id: listed.id,
				createdAt: listed.created_at,
				line,
				raw: form.raw && !gone ? JSON.stringify(user) : undefined,
				contact: full && !gone ? needsResetLine(user) : undefined,
				gone,
				notes,
			};
		}),
	};
}

/** 48 bits of a hash of the page's ids in order (FNV-1a over their characters, in two halves). */
export function fingerprintOf(users: readonly AdminUser[]): number {
	let low = 0x81_1c_9d_c5;
	let high = 0x05_0c_5d_1f;
	for (const user of users) {
		for (let index = 0; index < user.id.length; index++) {
			const code = user.id.charCodeAt(index);
			low = Math.imul(low ^ code, 0x01_00_01_93) >>> 0;
			high = Math.imul(high ^ code ^ (low >>> 24), 0x01_00_01_93) >>> 0;
		}
	}

	return (high & 0xff_ff) * 0x1_00_00_00_00 + low;
}
