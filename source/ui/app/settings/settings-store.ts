import {RecentFiles} from './recent-files.js';
import {Settings} from './settings.js';

// What the screens remember between runs, behind one module: the recent files, the Admin API URL last
// used (never the key) and the Hanko version, all in the user's config folder (or HANKO_TUI_CONFIG_DIR),
// kept private by settings-privacy.ts. The session opens it once; screens get the part they use.

export {RecentFiles} from './recent-files.js';
export {Settings} from './settings.js';

export type SettingsStore = {recent: RecentFiles; settings: Settings};

export function openSettingsStore(configDir = process.env.HANKO_TUI_CONFIG_DIR): SettingsStore {
	const recent = new RecentFiles(configDir);
	return {recent, settings: new Settings(configDir)};
}
