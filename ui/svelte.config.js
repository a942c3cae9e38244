// Svelte 5 strips TypeScript types natively; no preprocessing needed.
export default {};
