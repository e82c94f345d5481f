import {type Screen, helpRows, screens, statusLine} from './keymap.js';

// docs/keys.md, generated from the keymap the handlers use: `npm run docs:keys` writes it, and a test
// fails when the file and the keymap part ways.

/** What each screen (or part of one that takes keys of its own) is called in the docs. */
const titles: Record<Screen, string> = {
	home: 'Home screen',
	path: 'Home screen: typing a path (printable keys are text)',
	validation: 'Validation screen: the problem list',
	filterChooser: 'Validation screen: choosing a rule to filter by (after f)',
	searchInput: 'Validation screen: typing a search (after /; printable keys are text)',
	quitPrompt:
		'Validation screen: asked before leaving while the check runs or pending fixes are not written (any other key goes on to the list)',
	copyPrompt: 'Validation screen and one record: what to copy (after y; any other key copies nothing and goes on)',
	detail: 'Validation screen: one record',
	fixMenu: 'Fix menu',
	preview: 'Fix preview',
	pending: 'Pending fixes',
	safeFixes: 'Every safe fix, before it is added (after A)',
	writePrompt: 'Asked before writing the fixed files (any other key goes on to the screen)',
	exportForm: 'Export screen: the form (printable keys are text)',
	exportRun: 'Export screen: while the export runs',
	cancelPrompt: 'Export screen: asked before cancelling (any other key goes on)',
	exportDone: 'Export screen: done',
	exportFailed: 'Export screen: the export stopped on an error',
	convertForm: 'Convert screen: the form (printable keys are text)',
	convertRun: 'Convert screen: while converting',
	convertReport: 'Convert screen: the loss report, before anything is written',
	convertFailed: 'Convert screen: the conversion failed',
	targetForm: 'Target screen (check against the project, verify the import): the form (printable keys are text)',
	targetRun: 'Target screen: while it checks or verifies',
	targetResult: 'Target screen: the collisions, or the users missing or different',
	targetDetail: 'Target screen: one entry in detail',
	targetFailed: 'Target screen: the check stopped on an error',
	help: 'Help screen (?)',
};

const cell = (text: string) => text.replaceAll('|', '\\|');

/** The key tables of every screen, as Markdown. */
export function keysMarkdown(): string {
	const sections = screens.map(screen => {
		const status = statusLine(screen);
		return [
			`## ${titles[screen]}`,
			'',
			...(status ? [`Status bar: \`${status}\``, ''] : []),
			'| keys | action |',
			'| --- | --- |',
			...helpRows(screen).map(row => `| ${cell(row.keys)} | ${cell(row.description)} |`),
		].join('\n');
	});
	return [
		'# Keys',
		'',
		"<!-- Generated from the keymap (source/ui/kit/keymap.ts and each screen's -keys.ts) by `npm run docs:keys`: edit those, not this file. -->",
		'',
		'Every key of hanko-tui, screen by screen: the same table the key handlers, the help screen (`?`) and',
		'the status bar read. Keys that arrive in one read (`jjj` over SSH) each count.',
		'',
		...sections.flatMap(section => [section, '']),
	].join('\n');
}
