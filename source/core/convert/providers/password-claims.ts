import {openInputStream} from '../../files/input-stream.js';
import {Cancelled} from '../../errors.js';
import {maxItemBytes} from './byte-keyed-store.js';
import {idKey} from './password-codecs.js';
import type {PasswordExport} from './password-export.js';

// The ids of the user export's database users, told to the password export before any user is
// converted: a line that one of them has by its id is that user's, and is never given to another user
// by its address (two users of two connections may share an address). The ids are found in the bytes,
// JSON or CSV alike: every `auth0|` and the id after it. An id in another place (an identity's own
// user_id, say) only claims more lines, which costs a user found by address a reset, never a wrong hash.

const prefix = Buffer.from('auth0|');
const keyBytes = Buffer.allocUnsafeSlow(maxItemBytes + 1);

/** Bytes an id ends at: quotes (`"`, and `'` of Auth0's CSV), separators, white space, brackets, a backslash. */
const ends = new Uint8Array(256);
for (const char of `"',;|\\{}[]() \t\r\n`) ends[char.charCodeAt(0)] = 1;

/** Marks every line of `passwords` a user of `userExport` has by its id. */
export async function claimLines(userExport: string, passwords: PasswordExport, signal?: AbortSignal): Promise<void> {
	const {file, stream} = await openInputStream(userExport, 1 << 20);
	let carry: Buffer | undefined;
	for await (const chunk of stream as AsyncIterable<Buffer>) {
		if (signal?.aborted) {
			file.destroy();
			throw new Cancelled();
		}

		// An id cut between two chunks is read whole from the bytes carried over
		const bytes = carry ? Buffer.concat([carry, chunk]) : chunk;
		let at = bytes.indexOf(prefix);
		let done = 0;
		while (at >= 0) {
			const start = at + prefix.length;
			let end = start;
			while (end < bytes.length && end - start <= maxItemBytes && ends[bytes[end]!] === 0) end++;
			if (end === bytes.length) break; // Perhaps cut: read again with the next chunk
			if (end > start && end - start < maxItemBytes) passwords.claim(keyBytes, idKey(bytes, start, end, keyBytes, false));
			done = end;
			at = bytes.indexOf(prefix, end);
		}

		const keep = at >= 0 ? at : Math.max(done, bytes.length - prefix.length);
		carry = keep < bytes.length ? Buffer.from(bytes.subarray(keep)) : undefined;
	}
}
