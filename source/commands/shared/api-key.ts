import {readFile} from 'node:fs/promises';
import process from 'node:process';
import {AdminApiError} from '../../core/export/admin-api-error.js';
import {checkApiKey} from '../../core/export/api-url.js';

/**
 * The key from --api-key-file or HANKO_API_KEY; never from a flag (it would show in `ps` and shell
 * history). Neither: no key, for a self-hosted Admin API without authentication.
 */
export async function readApiKey(file: string | undefined): Promise<string | undefined> {
	if (file !== undefined) {
		let text: string;
		try {
			text = await readFile(file, 'utf8');
		} catch (error) {
			throw new AdminApiError(`cannot read the API key file ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
		}

		return checkApiKey(text, `the file ${file}`);
	}

	const key = process.env.HANKO_API_KEY;
	return key === undefined || key === '' ? undefined : checkApiKey(key, 'HANKO_API_KEY');
}
