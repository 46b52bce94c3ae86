import { create } from 'zustand';
import type { StageId } from '../../shared/model/index.js';

/** Local screen state: which stage this person is looking at (null: wherever the chair is). */
interface UiState {
  viewing: StageId | null;
  view: (stage: StageId | null) => void;
}

export const useUi = create<UiState>((set) => ({
  viewing: null,
  view: (stage) => set({ viewing: stage }),
}));
