// MyeloDx pages: small progressive enhancement, no framework. Without script every form still posts and reloads.
(function () {
  'use strict';
  var busy = null;

  // A form with data-live="#target" is sent in the background; the answer (HTML) replaces the target in place.
  function live(form) {
    var target = document.querySelector(form.getAttribute('data-live'));
    if (!target) { form.submit(); return; }
    if (busy) busy.abort();
    busy = new AbortController();
    target.setAttribute('aria-busy', 'true');
    var focusedName = document.activeElement && document.activeElement.id;
    fetch(form.getAttribute('action'), {
      method: 'POST', body: new FormData(form), credentials: 'same-origin', signal: busy.signal,
      headers: { 'X-Requested-With': 'fetch' }
    }).then(function (r) {
      if (!r.ok) throw new Error('status ' + r.status);
      return r.text();
    }).then(function (html) {
      target.outerHTML = html;
      setup();
      if (focusedName) { var f = document.getElementById(focusedName); if (f) f.focus(); }
    }).catch(function (e) {
      if (e.name === 'AbortError') return;
      target.removeAttribute('aria-busy');
      var msg = document.getElementById('live-error') || document.createElement('p');
      msg.id = 'live-error'; msg.className = 'error'; msg.setAttribute('role', 'alert');
      msg.textContent = 'The assessment could not be updated (' + e.message + '). Use the Re-assess button to reload.';
      target.insertBefore(msg, target.firstChild);
    });
  }

  function setup() {
    var copy = document.getElementById('copy-summary');
    if (copy && navigator.clipboard) copy.hidden = false;
  }

  document.addEventListener('submit', function (e) {
    var f = e.target;
    if (f.matches && f.matches('form[data-live]')) { e.preventDefault(); live(f); }
  });
  document.addEventListener('change', function (e) {
    var el = e.target;
    if (el.hasAttribute && el.hasAttribute('data-auto') && el.form && el.form.hasAttribute('data-live')) live(el.form);
  });
  document.addEventListener('click', function (e) {
    var b = e.target.closest && e.target.closest('[data-copy]');
    if (!b) return;
    var src = document.querySelector(b.getAttribute('data-copy'));
    if (!src || !navigator.clipboard) return;
    navigator.clipboard.writeText(src.textContent).then(function () {
      b.textContent = 'Copied';
      setTimeout(function () { b.textContent = 'Copy summary'; }, 2000);
    });
  });
  setup();
})();
