/* global document, window */
// A public consultation's bot check (ADR 0074): before the form is sent, find a nonce such that SHA-256 of the
// challenge followed by the nonce starts with `difficulty` zero bits (ADR 0067), with the browser's own Web Crypto:
// no other site is asked anything. Node's tests load the same file and call `solve` (module.exports below).

/** The number of zero bits a digest starts with. */
function leadingZeroBits(digest) {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

/**
 * The first nonce (base 36 of 0, 1, 2 …) that solves the challenge. Hashed `batch` at a time: Web Crypto answers
 * one digest a promise, and waiting for each in turn would spend more time waiting than hashing.
 */
async function solve(challenge, difficulty, subtle = globalThis.crypto.subtle, batch = 256) {
  const encoder = new TextEncoder();
  for (let start = 0; ; start += batch) {
    const nonces = Array.from({ length: batch }, (_, i) => (start + i).toString(36));
    const digests = await Promise.all(
      nonces.map((nonce) => subtle.digest('SHA-256', encoder.encode(`${challenge}${nonce}`))),
    );
    const found = digests.findIndex((d) => leadingZeroBits(new Uint8Array(d)) >= difficulty);
    if (found >= 0) return nonces[found];
  }
}

/**
 * The page's form: without this script (or without Web Crypto, which browsers give only to https:// pages and
 * localhost) it cannot be sent, and the page says so. With it, "Send my answers" is shown, and sending first
 * solves the challenge the page carries, says it is checking, fills `nonce` and then sends.
 */
function attach(form) {
  const notice = document.getElementById('needs-script');
  const send = document.getElementById('send');
  const status = document.getElementById('checking');
  const subtle = globalThis.crypto && globalThis.crypto.subtle;
  if (!subtle) {
    const why = document.getElementById('needs-secure-connection');
    if (why) why.hidden = false;
    return;
  }
  if (notice) notice.hidden = true;
  send.hidden = false;
  const button = form.querySelector('button[type="submit"]');
  let solving = false;
  // Back to this page from the next one (the browser's page cache): ready to send again.
  window.addEventListener('pageshow', () => {
    solving = false;
    button.disabled = false;
    status.textContent = '';
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (solving) return;
    solving = true;
    button.disabled = true;
    status.textContent =
      'Checking that this is a person, not an automated program. This takes a few seconds…';
    try {
      form.elements.nonce.value = await solve(
        form.elements.challenge.value,
        Number(form.elements.difficulty.value),
        subtle,
      );
      status.textContent = 'Sending your answers…';
      form.submit();
    } catch {
      status.textContent = 'The check did not work in this browser. Your answers have not been sent.';
      button.disabled = false;
      solving = false;
    }
  });
}

if (typeof document !== 'undefined') {
  const form = document.querySelector('form[data-hearth-proof-of-work]');
  if (form) attach(form);
}

if (typeof module !== 'undefined') module.exports = { leadingZeroBits, solve };
