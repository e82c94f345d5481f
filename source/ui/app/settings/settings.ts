import Conf from 'conf';
import {makeSettingsPrivate, settingsTrusted, withPrivateUmask} from './settings-privacy.js';

// What the screens remember between runs, beside the recent files: the Admin API URL last used for an
// export (never the key) and the Hanko version files are checked against.

type Stored = {apiUrl: string; hankoVersion: string};

export class Settings {
	readonly #conf: Conf<Stored> | undefined;
	/** Whether the remembered URL may be used: see settings-privacy.ts. */
	readonly #trusted: boolean = false;

	constructor(configDir = process.env.HANKO_TUI_CONFIG_DIR) {
		try {
			// No defaults: with them conf would write the file at once, before its modes could be judged
			this.#conf = withPrivateUmask(
				() => new Conf<Stored>({projectName: 'hanko-tui', projectSuffix: '', cwd: configDir || undefined, configFileMode: 0o600}),
			);
		} catch {
			this.#conf = undefined; // A damaged settings file: nothing remembered this time
			return;
		}

		// Judged before the modes are tightened: what others could write until now stays in doubt
		this.#trusted = settingsTrusted(this.#conf.path);
		if (makeSettingsPrivate(this.#conf.path) && !this.#trusted) {
			// Now that only the user can write here, the doubtful URL is dropped, so a later run does not
			// take it for the user's own
			try {
				withPrivateUmask(() => this.#conf!.delete('apiUrl'));
				this.#trusted = true;
			} catch {}
		}
	}

	/** The stored value, or '' when there is none (or it cannot be read, or someone else could have written it). */
	get(key: keyof Stored): string {
		if (key === 'apiUrl' && !this.#trusted) return '';
		try {
			const value = this.#conf?.get(key);
			return typeof value === 'string' ? value : '';
		} catch {
			return '';
		}
	}

	set(key: keyof Stored, value: string): void {
		try {
			withPrivateUmask(() => this.#conf?.set(key, value));
		} catch {}
	}
}
