import {describe, expect, it} from 'vitest';
import type {LossReport} from '../../../source/core/convert/batch-writer.js';
import {lossReportLines} from '../../../source/core/convert/describe-loss-report.js';

const base: LossReport = {
	source: 'auth0',
	users: 3,
	written: 3,
	rejected: {},
	losses: {},
	passwords: {kept: 3, converted: 0, none: 0, reset: {}},
	idsReplaced: 3,
};
const files = {out: 'users.json', rejects: 'users.rejects.ndjson', map: 'users.id-map.csv'};

describe('the loss report, with and without --profile', () => {
	it('the same users: without --profile everything left out, with it what is kept and only what Hanko cannot hold', () => {
		const without = lossReportLines({...base, losses: {names: 2, metadata: 1, 'phone numbers': 1}}, files);
		expect(without[1]).toBe(
			'The import file leaves out: names (2), metadata (1), phone numbers (1) (names, pictures and metadata can be set through the Admin API after the import; the rest Hanko cannot hold).',
		);
		expect(without.join('\n')).not.toContain('Kept for after the import');

		const report: LossReport = {
			...base,
			losses: {'phone numbers': 1, 'metadata over 3000 characters': 1},
			profile: {users: 2, kept: {names: 2, metadata: 1}},
		};
		const lines = lossReportLines(report, {...files, profile: 'users.profile.ndjson'});
		expect(lines[1]).toBe(
			'Kept for after the import (users.profile.ndjson): names (2), metadata (1); hanko-tui apply-profile users.profile.ndjson --api-url <url> sets them once the import is done.',
		);
		expect(lines[2]).toBe('Hanko cannot hold, so the files leave out: phone numbers (1), metadata over 3000 characters (1).');
	});

	it('with --profile and nothing else lost, or nothing to keep', () => {
		const kept = lossReportLines({...base, profile: {users: 1, kept: {pictures: 1}}}, {...files, profile: 'p.ndjson'});
		expect(kept[2]).toBe('Nothing else the users carry is lost.');
		const none = lossReportLines({...base, profile: {users: 0, kept: {}}}, {...files, profile: 'p.ndjson'});
		expect(none[1]).toBe('Kept for after the import (p.ndjson): nothing, no user has names, pictures or metadata Hanko takes.');
	});
});
