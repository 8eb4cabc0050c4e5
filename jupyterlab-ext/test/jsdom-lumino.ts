// jsdom has no DragEvent, which @lumino/dragdrop extends when it loads; a MouseEvent stands in.
// Import this before @lumino/widgets in jsdom tests.
const g = globalThis as { DragEvent?: unknown; MouseEvent?: typeof MouseEvent };
if (g.DragEvent === undefined && g.MouseEvent) g.DragEvent = class extends g.MouseEvent {};
export {};
