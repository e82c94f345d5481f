import {describe, expect, it} from 'vitest';
import {hankoRules} from '../../../source/core/rules/hanko-versions.js';

describe('hankoRules', () => {
	it('knows what changed, by release', () => {
		expect(hankoRules('3.0')).toEqual({label: '3.0', uuidAnyCase: true, netMail: true, fbscrypt: true});
		expect(hankoRules('main')).toEqual({label: 'main', uuidAnyCase: true, netMail: true, fbscrypt: true});
		expect(hankoRules('v2.7.0')).toEqual({label: '2.7.0', uuidAnyCase: false, netMail: true, fbscrypt: true});
		expect(hankoRules('2.6')).toMatchObject({fbscrypt: false, netMail: true});
		// 2.1 means its latest patch, 2.1.2, which has net/mail; 2.1.0 did not
		expect(hankoRules('2.1')).toMatchObject({label: '2.1', netMail: true});
		expect(hankoRules('2.1.0')).toMatchObject({netMail: false});
		expect(hankoRules('backend/v2.1.1')).toMatchObject({label: '2.1.1', netMail: true});
		expect(hankoRules()).toMatchObject({label: '3.0'});
		expect(hankoRules('latest')).toMatchObject({label: '3.0'});
		// A major alone is its latest minor release
		expect(hankoRules('3')).toMatchObject({label: '3.0', uuidAnyCase: true});
		expect(hankoRules('v2')).toMatchObject({label: '2.7', fbscrypt: true, uuidAnyCase: false});
	});

	it('refuses versions it does not model, with a way out', () => {
		expect(hankoRules('1.5')).toEqual({error: expect.stringContaining('older than 2.0.0') as unknown});
		expect(hankoRules('three')).toEqual({error: expect.stringContaining('2.1, 2.7, 3.0, main') as unknown});
		expect(hankoRules('1')).toEqual({error: expect.stringContaining('older than 2.0.0') as unknown});
	});

	it('refuses releases that never were', () => {
		for (const name of ['2.8', '3.1', '3.0.99', '2.1.3', '4', '4.0']) {
			expect(hankoRules(name), name).toEqual({
				error: expect.stringContaining(
					'not a release hanko-tui knows (the releases are 2.0.0 to 2.7.0 and 3.0.0 to 3.0.4)',
				) as unknown,
			});
		}
	});
});
