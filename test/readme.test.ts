import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {ruleList} from '../source/core/rules/catalogue.js';
import {helpRows} from '../source/ui/keymap.js';

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

	it('gives the two commands a newcomer needs', () => {
		expect(readme).toContain('npm ci && npm test');
		expect(readme).toContain('npm ci && npm run demo');
	});
});
