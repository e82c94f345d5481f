// The one compiled schema every baseline validates records with (ajv 8, draft 2020-12, ajv-formats).

import {readFileSync} from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export function compileUserValidator() {
	const schema = JSON.parse(readFileSync(new URL('schema.json', import.meta.url), 'utf8'));
	const ajv = new Ajv2020({allErrors: false, allowUnionTypes: true, strict: true});
	addFormats(ajv);
	return ajv.compile(schema);
}
