/**
 * The message catalogue: every text the bot shows, in Swedish, as one object `sv` (`sv.lagesbild.saved(…)`,
 * `sv.home.title`). Nothing user-facing is written anywhere else. Each section lives in its own file beside
 * this one; this file only puts them together. Functions that embed user text take it already escaped
 * (src/slack/mrkdwn.ts escapeMrkdwn); the callers escape. Counts agree with their number through ./plural.ts,
 * and quotes are Swedish ”…” (test/unit/wording.test.ts checks both over the whole catalogue).
 */

import { common } from './common.js';
import { compiled } from './compiled.js';
import { cycle } from './cycle.js';
import { dataskydd } from './dataskydd.js';
import { flytta } from './flytta.js';
import { home } from './home.js';
import { katalog } from './katalog.js';
import { lagesbild } from './lagesbild.js';
import { prioritet } from './prioritet.js';
import { protokoll } from './protokoll.js';
import { rapport } from './rapport.js';
import { samverkan } from './samverkan.js';

export type { UsageLine } from './common.js';

export const sv = {
  // ── shared by every command: apologies, help lines (./common.ts) ──
  common,

  // ── data protection: access log, gallring, register extracts, leavers (./dataskydd.ts) ──
  dataskydd,

  // ── /rapport and `npm run cli -- rapport`: the follow-up report (./rapport.ts) ──
  rapport,

  // ── parties and areas: finding them from what people type, and the admins' changes (./katalog.ts) ──
  katalog,

  // ── moving a cancelled meeting's lägesbild to the next held meeting (./flytta.ts) ──
  flytta,

  // ── /protokoll and the meeting's minutes (./protokoll.ts) ──
  protokoll,

  // ── /lagesbild: a party's situational picture (./lagesbild.ts) ──
  lagesbild,

  // ── the compiled lägesbild: /lagesbild visa and the meeting's thread (./compiled.ts) ──
  compiled,

  // ── /samverkan: members, admins, calendar (./samverkan.ts) ──
  samverkan,

  // ── the weekly cycle: call for input, agenda, last call, notices, admin alerts, jobs run (./cycle.ts) ──
  cycle,

  // ── /prioritet: joint priorities (./prioritet.ts) ──
  prioritet,

  // ── App Home (./home.ts) ──
  home,
} as const;
