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
