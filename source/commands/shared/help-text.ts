import {signalExitCodes} from '../../core/signal-exit-codes.js';

export type HelpParts = {
	/** What the command does, in a sentence or two. */
	about: readonly string[];
	/** Its command lines, without the leading `hanko-tui `. */
	usage: readonly string[];
	/** More to know before the options (what it reads, when the screen opens). */
	notes?: readonly string[];
	options: readonly string[];
	exitCodes: readonly string[];
	examples: readonly string[];
};

export const importFileFormats = [
	'Files: a JSON array of users or NDJSON (one user a line), either of them gzipped;',
	'the format is read from the content, not the name.',
];

export const interruptedExitCodes = `${Object.values(signalExitCodes).join(', ')}  interrupted (${Object.keys(signalExitCodes).join(', ')})`;

const helpAndVersion = ['-h, --help          this help', '-v, --version       the version'];

function section(title: string, lines: readonly string[]): string {
	return [`  ${title}`, ...lines.map(line => `    ${line}`)].join('\n');
}

/** A command's `--help`: indented as meow indents, every section present, so that each help reads alike. */
export function helpText(parts: HelpParts): string {
	return [
		'',
		...parts.about.map(line => `  ${line}`),
		'',
		section(
			'Usage',
			parts.usage.map(line => `$ hanko-tui ${line}`),
		),
		...(parts.notes ? ['', ...parts.notes.map(line => (line ? `  ${line}` : ''))] : []),
		'',
		section('Options', [...parts.options, ...helpAndVersion]),
		'',
		section('Exit codes', parts.exitCodes),
		'',
		section(
			'Examples',
			parts.examples.map(line => `$ ${line}`),
		),
		'',
	].join('\n');
}
