// Shared setup for component tests (jsdom). Nothing global is needed yet.
export {};
