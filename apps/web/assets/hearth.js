/* global document, HTMLScriptElement */
// Enhancements only: every page works without this file. Loaded as a module, so only browsers that
// GOV.UK Frontend supports run it (it sets the class its components look for, as its template would).
import { initAll } from './govuk-frontend.min.js';

if ('noModule' in HTMLScriptElement.prototype) {
  document.body.classList.add('js-enabled', 'govuk-frontend-supported');
  initAll();
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
