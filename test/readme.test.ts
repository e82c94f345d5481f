import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {fixList} from '../source/core/fixes/fix-catalogue.js';
import {hankoSource, ruleList} from '../source/core/rules/catalogue.js';
import {helpRows} from '../source/ui/kit/keymap.js';

const readme = readFileSync('README.md', 'utf8');

describe('README', () => {
	it('lists every rule of the catalogue as it is', () => {
		for (const rule of ruleList) {
			const escape = (text: string) => text.replaceAll('|', '\\|');
			expect(readme).toContain(`| \`${rule.code}\` | ${rule.severity} | ${escape(rule.hanko)} | ${escape(rule.fix)} |`);
		}
	});

	it.each(['home', 'path', 'validation'] as const)('lists the keys of the %s screen as the keymap has them', screen => {
		for (const row of helpRows(screen)) expect(readme).toContain(`| ${row.keys} | ${row.description} |`);
	});

	it('lists the keys of the fixing screens as the keymap has them (the moving keys are listed once, above)', () => {
		const line = (row: {keys: string; description: string}) => `| ${row.keys} | ${row.description} |`;
		const common = new Set(helpRows('validation').map(row => line(row)));
		const own = (['detail', 'fixMenu', 'preview', 'pending'] as const).flatMap(screen => helpRows(screen).filter(row => !common.has(line(row))));
		expect(own.map(row => row.keys)).toEqual(['a', 'Enter', 'y', 'u']);
		for (const row of own) expect(readme).toContain(line(row));
	});

	it('lists the keys of the export pane as the keymap has them', () => {
		const common = new Set(['?', 'q', 'Ctrl+c']);
		for (const screen of ['exportForm', 'exportRun', 'exportDone'] as const) {
			for (const row of helpRows(screen).filter(row => !common.has(row.keys))) expect(readme).toContain(`| ${row.keys} | ${row.description} |`);
		}
	});

	it('lists the keys of the convert pane as the keymap has them', () => {
		const common = new Set(['?', 'q', 'Ctrl+c']);
		const rows = (['convertForm', 'convertRun', 'convertReport', 'convertFailed'] as const).flatMap(screen => helpRows(screen).filter(row => !common.has(row.keys)));
		expect(rows.length).toBeGreaterThanOrEqual(6);
		for (const row of rows) expect(readme).toContain(`| ${row.keys} | ${row.description} |`);
	});

	it('names, in docs/rules.md, where Hanko decides every rule, and the commit read', () => {
		const docs = readFileSync('docs/rules.md', 'utf8');
		expect(docs).toContain(hankoSource.commit);
		for (const rule of ruleList) expect(docs).toContain(`| \`${rule.code}\` | ${rule.severity} | ${rule.source.replaceAll('|', '\\|')} |`);
	});

	it('lists every fix of the catalogue as it is', () => {
		for (const fix of fixList) {
			expect(readme).toContain(`| \`${fix.id}\` | ${fix.resolves.map(code => `\`${code}\``).join(', ')} | ${fix.description.replaceAll('|', '\\|')} | ${fix.safe ? 'yes' : (fix.enabledBy ? `with \`${fix.enabledBy}\`` : 'no, only with `--only`')} |`);
		}
	});

	it('gives the two commands a newcomer needs', () => {
		expect(readme).toContain('npm ci && npm test');
		expect(readme).toContain('npm ci && npm run demo');
	});
});
