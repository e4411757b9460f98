/**
 * The lägesbild entry as the domain knows it: one observation of a party for a meeting week with its trend
 * and source, the party's overall assessment, and each party's submission status.
 */

import type { MeetingWeek } from './schedule.js';

export type Trend = 'okar' | 'oforandrat' | 'minskar';
export type EntrySource = 'modal' | 'kommando' | 'chatt';
export type Assessment = 'normallage' | 'forhojt' | 'allvarligt';

export const TRENDS: readonly Trend[] = ['okar', 'oforandrat', 'minskar'];
export const ASSESSMENTS: readonly Assessment[] = ['normallage', 'forhojt', 'allvarligt'];

export const ENTRY_LIMITS = { text: 2000, place: 150, when: 150 } as const;

/** One observation in a party's lägesbild for a meeting. */
export interface Entry {
  readonly id: number;
  readonly meetingWeek: MeetingWeek;
  readonly partyKey: string;
  readonly areaKey: string;
  readonly text: string;
  readonly place: string | null;
  readonly when: string | null;
  readonly trend: Trend | null;
  readonly authorUserId: string;
  readonly source: EntrySource;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** When its free text was purged (gallring, or an admin on request): text is then '', place and when null. */
  readonly purgedAt?: Date | null;
}

/** Where a party stands for a meeting: submitted once it has an entry or has said it has nothing to report. */
export interface PartyStatus {
  readonly partyKey: string;
  readonly partyName: string;
  readonly entryCount: number;
  readonly nothingToReport: boolean;
  readonly assessment: Assessment | null;
  readonly submitted: boolean;
}
