/** `app_home_opened`: publishes the Home tab each time the user opens it (src/services/home.ts builds it). */

import type { Kit } from '../src/kit/create.js';
import { publishHome } from '../src/services/home.js';

export function register(kit: Kit): void {
  kit.event<{ user: string; tab?: string }>('app_home_opened', async (event, client) => {
    if (event.tab !== undefined && event.tab !== 'home') return;
    await publishHome(client, kit.deps, event.user);
  });
}
