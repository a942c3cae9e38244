// File → Export… (Ctrl E): the export of the page on screen, as its own Export… button does,
// in the format chosen beside it (ExportControl renders `.export .export-run`).

export const NOTHING_TO_EXPORT =
  'This page has nothing to export: the Matrix, Changes, Coalitions and Compare pages, and a State’s or a topic’s page do.';

/** Presses the page's first Export… button; false when the page has none. */
export function pressExport(): boolean {
  const run = document.querySelector<HTMLButtonElement>('main .export .export-run');
  run?.click();
  return run !== null;
}
