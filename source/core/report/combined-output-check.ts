import type {OutputCheck} from './validation-report.js';

/**
 * The checks of a split output's parts as one check of the whole (`file` is the manifest): counts
 * added up, the first fatal problem kept with the part it is in. Duplicates across parts are not
 * seen by the parts' checks: the writer checked them across the whole output.
 */
export function combinedOutputCheck(file: string, parts: readonly OutputCheck[]): OutputCheck {
	const byCode: OutputCheck['byCode'] = {};
	for (const part of parts) {
		for (const [code, {severity, count}] of Object.entries(part.byCode)) {
			byCode[code] = {severity, count: (byCode[code]?.count ?? 0) + count};
		}
	}

	const sum = (field: 'bytes' | 'records' | 'valid' | 'invalid' | 'fileErrors' | 'warnings') =>
		parts.reduce((total, part) => total + part[field], 0);
	const fatalPart = parts.find(part => part.fatal !== null);
	return {
		file,
		hankoVersion: parts[0]?.hankoVersion ?? '',
		format: parts[0]?.format ?? null,
		compressed: false,
		bytes: sum('bytes'),
		records: sum('records'),
		valid: sum('valid'),
		invalid: sum('invalid'),
		fileErrors: sum('fileErrors'),
		warnings: sum('warnings'),
		byCode: Object.fromEntries(Object.entries(byCode).sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]))),
		facts: parts[0]?.facts ?? [],
		fatal: fatalPart?.fatal ? {...fatalPart.fatal, message: `${fatalPart.file}: ${fatalPart.fatal.message}`} : null,
	};
}
