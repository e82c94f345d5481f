import {describe, expect, it} from 'vitest';
import {checkProfile, pictureRefusal, withoutNullMembers} from '../../../../source/core/convert/profile/check-profile.js';
import {goJsonLength} from '../../../../source/core/convert/profile/go-json-length.js';
import {hankoProfileLimits, profileRefusal} from '../../../../source/core/convert/profile/hanko-profile-limits.js';

describe('checkProfile', () => {
	it('keeps names trimmed, and refuses those longer than the column or holding a NUL', () => {
		const longest = 'é'.repeat(hankoProfileLimits.nameCharacters);
		const checked = checkProfile({name: '  Ana Lima ', given_name: longest, family_name: `${longest}x`});
		expect(checked.fields).toEqual({name: 'Ana Lima', given_name: longest});
		expect(checked.kept).toEqual(['names']);
		expect(checked.refused).toEqual([{kind: 'names', reason: profileRefusal.nameTooLong}]);
		expect(checkProfile({name: 'a\u0000b'}).refused).toEqual([{kind: 'names', reason: profileRefusal.nameNul}]);
		// Hanko refuses an empty name (400): whitespace is no name, and nothing is counted for it
		expect(checkProfile({name: '   ', given_name: 42})).toEqual({fields: {}, kept: [], refused: []});
	});

	it('counts a character beyond the BMP as one, as Postgres does', () => {
		const name = '😀'.repeat(hankoProfileLimits.nameCharacters);
		expect(checkProfile({name}).fields.name).toBe(name);
	});

	it('keeps http(s) pictures with a host and no user info, as ValidatePictureURL does', () => {
		expect(pictureRefusal('https://cdn.example.com/a.png?size=80')).toBeUndefined();
		expect(pictureRefusal('HTTP://cdn.example.com/a.png')).toBeUndefined();
		for (const url of [
			'ftp://cdn.example.com/a.png',
			'http:cdn.example.com',
			'https://',
			'https://user:pw@example.com/a.png',
			'https://@example.com/a',
		]) {
			expect(pictureRefusal(url), url).toBe(profileRefusal.pictureNotUrl);
		}

		expect(pictureRefusal('https://example.com/a\nb')).toBe(profileRefusal.pictureNotUrl);
		const long = `https://example.com/${'a'.repeat(hankoProfileLimits.pictureBytes)}`;
		expect(pictureRefusal(long)).toBe(profileRefusal.pictureTooLong);
		expect(checkProfile({picture: long}).refused).toEqual([{kind: 'pictures', reason: profileRefusal.pictureTooLong}]);
	});

	it('drops null members as the merge patch does, and leaves out metadata that ends up empty', () => {
		expect(withoutNullMembers({a: null, b: {c: null, d: 1}, e: [null, {f: null}]})).toEqual({b: {d: 1}, e: [null, {}]});
		const checked = checkProfile({public_metadata: {plan: 'pro', gone: null}, private_metadata: {only: null}, unsafe_metadata: {}});
		expect(checked.fields).toEqual({public_metadata: {plan: 'pro'}});
		expect(checked.kept).toEqual(['metadata']);
	});

	it('refuses metadata that is not an object, or longer than 3000 characters as Go writes it', () => {
		expect(checkProfile({public_metadata: 'plan=pro'}).refused).toEqual([{kind: 'metadata', reason: profileRefusal.metadataNotObject}]);
		expect(checkProfile({unsafe_metadata: [1, 2]}).refused).toEqual([{kind: 'metadata', reason: profileRefusal.metadataNotObject}]);
		// {"a":"…"} is 8 characters beside the value
		const fits = {a: 'x'.repeat(hankoProfileLimits.metadataCharacters - 8)};
		expect(goJsonLength(fits)).toBe(hankoProfileLimits.metadataCharacters);
		expect(checkProfile({private_metadata: fits}).fields.private_metadata).toEqual(fits);
		// One '<' more is six characters more in Go's encoding, one more in JSON.stringify's
		const escaped = {a: `${'x'.repeat(hankoProfileLimits.metadataCharacters - 12)}<`};
		expect(JSON.stringify(escaped).length).toBeLessThan(hankoProfileLimits.metadataCharacters);
		expect(checkProfile({private_metadata: escaped}).refused).toEqual([{kind: 'metadata', reason: profileRefusal.metadataTooLarge}]);
	});

	it('keeps each kind of metadata apart: one too large does not cost the others', () => {
		const checked = checkProfile({
			public_metadata: {big: 'x'.repeat(hankoProfileLimits.metadataCharacters)},
			private_metadata: {crm: 'c-1'},
		});
		expect(checked.fields).toEqual({private_metadata: {crm: 'c-1'}});
		expect(checked.kept).toEqual(['metadata']);
		expect(checked.refused).toEqual([{kind: 'metadata', reason: profileRefusal.metadataTooLarge}]);
	});
});
