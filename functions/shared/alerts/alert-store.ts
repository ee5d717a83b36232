import type { AlertEntry } from '../outbox';

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
  /** Writes the next state and its alert entry if the state is still at `episode.version`; false otherwise. */
  transition(change: { episode: Episode; next: Episode; entry: AlertEntry }): Promise<boolean>;
}
