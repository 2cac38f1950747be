import { useSyncExternalStore } from 'react';

/** The team the header's switcher shows (`'all'`: every team), remembered in this browser. */
const STORAGE_KEY = 'gateway.team';
const listeners = new Set<() => void>();
let teamsVersion = 0;

function emit(): void {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function readSelected(): string {
  try {
    return localStorage.getItem(STORAGE_KEY) ?? 'all';
  } catch {
    return 'all';
  }
}

export function selectTeam(teamId: string): void {
  localStorage.setItem(STORAGE_KEY, teamId);
  emit();
}

/** The switcher's choice: a team id or `'all'`. */
export function useSelectedTeam(): string {
  return useSyncExternalStore(subscribe, readSelected);
}

/** Something changed the caller's teams or roles: lists of teams load again. */
export function notifyTeamsChanged(): void {
  teamsVersion++;
  emit();
}

export function useTeamsVersion(): number {
  return useSyncExternalStore(subscribe, () => teamsVersion);
}
