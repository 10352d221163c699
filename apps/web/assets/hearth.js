/* global document, window, HTMLScriptElement */
// Enhancements only: every page works without this file. Loaded as a module, so only browsers that
// GOV.UK Frontend supports run it (it sets the class its components look for, as its template would).
import { initAll } from './govuk-frontend.min.js';

// Radios marked data-hearth-reveal show only the chosen answer's follow-up questions, as GOV.UK's
// conditional reveal does, but without putting aria-expanded on a radio (not allowed for role radio in
// ARIA 1.2, so axe reports it; see alphagov/govuk-frontend#979). The server already renders each follow-up
// hidden or shown for the checked answer; without JavaScript they are all shown.
const reveals = [...document.querySelectorAll('[data-hearth-reveal]')];
for (const group of reveals) group.removeAttribute('data-module');

if ('noModule' in HTMLScriptElement.prototype) {
  document.body.classList.add('js-enabled', 'govuk-frontend-supported');
  initAll();
}

for (const group of reveals) {
  const inputs = [...group.querySelectorAll('input[type="radio"]')];
  for (const input of inputs) {
    const id = input.getAttribute('data-aria-controls');
    if (id && document.getElementById(id)) {
      input.setAttribute('aria-controls', id);
      input.removeAttribute('data-aria-controls');
    }
  }
  const sync = () => {
    for (const input of inputs) {
      const target = document.getElementById(input.getAttribute('aria-controls') ?? '');
      if (target) target.classList.toggle('govuk-radios__conditional--hidden', !input.checked);
    }
  };
  group.addEventListener('change', sync);
  sync();
}

// "Copy link" next to an invitation link: the link stays selectable by hand where copying is not allowed.
for (const button of document.querySelectorAll('[data-hearth-copy]')) {
  const id = button.getAttribute('data-hearth-copy');
  const field = document.getElementById(id);
  const status = document.querySelector(`[data-hearth-copied="${id}"]`);
  button.addEventListener('click', async () => {
    field.select();
    try {
      await navigator.clipboard.writeText(field.value);
      if (status) status.textContent = 'Link copied.';
    } catch {
      if (status) status.textContent = 'Your browser did not allow copying. Select the link and copy it.';
    }
  });
}

// "Print this register": shown only where it works; without JavaScript the browser's own Print does the same.
for (const button of document.querySelectorAll('[data-hearth-print]')) {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
}
