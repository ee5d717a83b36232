import type { AlertEntry } from '../outbox';
import type { AlertTransition } from './alert-log';

/** The alert state of one segment. */
export interface Episode {
  segment: string;
  open: boolean;
  /** Id of the current (or last) episode. */
  alertId?: string;
  /** Optimistic-concurrency version of this state. */
  version: number;
}

/** Where episode states live; a transition is written with its outbox entry, atomically. */
export interface AlertStore {
  readEpisode(segment: string): Promise<Episode>;
  listOpenEpisodes(): Promise<Episode[]>;
  /**
   * Writes the next state, its alert entry and its record in the alert log if the state is
   * still at `episode.version`; false otherwise.
   */
  transition(change: { episode: Episode; next: Episode; entry: AlertEntry }): Promise<boolean>;
}

/** The alert log, read by `GET /v1/alerts`. */
export interface AlertLog {
  /** Up to `limit` transitions of every segment, newest first. */
  recentTransitions(limit: number): Promise<AlertTransition[]>;
}
