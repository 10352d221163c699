/** What the public consultation page's script (`apps/web/assets/proof-of-work.js`) gives Node, as the page runs it. */
export interface ProofOfWorkScript {
  leadingZeroBits(digest: Uint8Array): number;
  solve(
    challenge: string,
    difficulty: number,
    subtle?: typeof globalThis.crypto.subtle,
    batch?: number,
  ): Promise<string>;
}

/** The browser's own file, loaded unchanged: its tests solve with the very code a respondent's browser runs. */
export const proofOfWorkScript = jest.requireActual<ProofOfWorkScript>('../assets/proof-of-work.js');
