import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {fixList} from '../source/core/fixes/fix-catalogue.js';
import {hankoSource, ruleList} from '../source/core/rules/catalogue.js';

const readme = readFileSync('README.md', 'utf8');
const escape = (text: string) => text.replaceAll('|', '\\|');

describe('README', () => {
	it('gives the two commands a newcomer needs', () => {
		expect(readme).toContain('npm ci && npm test');
		expect(readme).toContain('npm ci && npm run demo');
	});

	it('stays short: under 10,000 bytes', () => {
		expect(Buffer.byteLength(readme)).toBeLessThan(10_000);
	});

	it('names no issue numbers, which mean nothing to a reader', () => {
		expect(readme).not.toMatch(/\bissues?\s+#?\d+/i);
	});

	it('links only to docs pages that exist', () => {
		const links = [...readme.matchAll(/\]\((docs\/[^)#]+)/g)].map(match => match[1]!);
		expect(links.length).toBeGreaterThan(5);
		// docs/keys.md is generated from the keymap by its own test
		for (const link of links.filter(link => link !== 'docs/keys.md')) expect(() => readFileSync(link)).not.toThrow();
	});
});

describe('docs', () => {
	it('docs/rules.md lists every rule of the catalogue as it is, with where Hanko decides it and the commit read', () => {
		const docs = readFileSync('docs/rules.md', 'utf8');
		expect(docs).toContain(hankoSource.commit);
		for (const rule of ruleList)
			expect(docs).toContain(
				`| \`${rule.code}\` | ${rule.severity} | ${escape(rule.hanko)} | ${escape(rule.fix)} | ${escape(rule.source)} |`,
			);
	});

	it('docs/fix.md lists every fix of the catalogue as it is', () => {
		const docs = readFileSync('docs/fix.md', 'utf8');
		for (const fix of fixList) {
			expect(docs).toContain(
				`| \`${fix.id}\` | ${fix.resolves.map(code => `\`${code}\``).join(', ')} | ${escape(fix.description)} | ${fix.safe ? 'yes' : fix.enabledBy ? `with \`${fix.enabledBy}\`` : 'no, only with `--only`'} |`,
			);
		}
	});
});
