import { create } from 'zustand';
import type { AccessRole, ColumnId, StageId } from '../../shared/model/index.js';

/** How the screen is laid out: the chair's projected wall, a laptop, or the family's tablet. */
export type ScreenMode = 'projector' | 'laptop' | 'tablet';
export const SCREEN_MODES: readonly ScreenMode[] = ['laptop', 'tablet', 'projector'];

/** The mode a screen starts in: from the address (?view=projector), then the role and the size. */
export function defaultMode(role: AccessRole, width: number, search: string): ScreenMode {
  const asked = new URLSearchParams(search).get('view');
  if (asked === 'projector' || asked === 'tablet' || asked === 'laptop') return asked;
  if (role === 'family') return 'tablet';
  if (width >= 768 && width <= 1180 && matchMedia?.('(pointer: coarse)').matches) return 'tablet';
  return 'laptop';
}

/** Local screen state: which stage this person is looking at (null: wherever the chair is), and the mode. */
interface UiState {
  viewing: StageId | null;
  view: (stage: StageId | null) => void;
  mode: ScreenMode | null;
  setMode: (mode: ScreenMode) => void;
  /** On the tablet, the heading shown. */
  boardTab: ColumnId;
  setBoardTab: (tab: ColumnId) => void;
  /** The wall's text size, in steps from its default (0). */
  wallSize: number;
  setWallSize: (size: number) => void;
}

export const useUi = create<UiState>((set) => ({
  viewing: null,
  view: (stage) => set({ viewing: stage }),
  mode: null,
  setMode: (mode) => set({ mode }),
  boardTab: 'danger',
  setBoardTab: (boardTab) => set({ boardTab }),
  wallSize: 0,
  setWallSize: (wallSize) => set({ wallSize: Math.max(-2, Math.min(3, wallSize)) }),
}));
