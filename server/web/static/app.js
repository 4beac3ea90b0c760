// The pages work without this script. It adds suggestions under the
// search box as you type, from /api/suggest; a file of its own because the
// pages' Content-Security-Policy allows no inline script.
'use strict';
(function () {
  const input = document.getElementById('q');
  if (!input || !input.form) return;
  const form = input.form;
  // Empty fields stay out of the URL.
  form.addEventListener('submit', () => {
    for (const el of form.elements) if (el.name && el.value === '' && el !== input) el.disabled = true;
  });
  // Back to this page from the results: the fields are usable again.
  window.addEventListener('pageshow', () => { for (const el of form.elements) el.disabled = false; });
  const list = document.createElement('ul');
  list.id = 'suggest';
  list.className = 'suggest';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', '搜索建议');
  list.hidden = true;
  input.parentNode.appendChild(list);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', 'suggest');
  input.setAttribute('aria-expanded', 'false');

  let timer = 0, seq = 0, items = [], active = -1;

  // The suggestion completes the last word typed.
  function lastWord() {
    const m = input.value.match(/(\S*)$/);
    return m ? m[1] : '';
  }
  function hide() {
    list.hidden = true;
    list.textContent = '';
    items = [];
    active = -1;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  }
  function mark(i) {
    active = i;
    items.forEach((li, j) => li.setAttribute('aria-selected', j === i ? 'true' : 'false'));
    if (i >= 0) input.setAttribute('aria-activedescendant', items[i].id);
    else input.removeAttribute('aria-activedescendant');
  }
  function pick(text) {
    const v = input.value;
    input.value = v.slice(0, v.length - lastWord().length) + text;
    hide();
    form.requestSubmit ? form.requestSubmit() : form.submit();
  }
  function show(sugs) {
    hide();
    sugs.forEach((s, i) => {
      const li = document.createElement('li');
      li.id = 'suggest-' + i;
      li.setAttribute('role', 'option');
      const t = document.createElement('span');
      t.className = 't';
      t.textContent = s.text;
      li.appendChild(t);
      if (s.count) {
        const n = document.createElement('span');
        n.className = 'n';
        n.textContent = s.count + ' 篇';
        li.appendChild(n);
      }
      // mousedown, not click: the box keeps its focus until the pick.
      li.addEventListener('mousedown', e => { e.preventDefault(); pick(s.text); });
      list.appendChild(li);
      items.push(li);
    });
    if (items.length) {
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }
  }
  async function suggest() {
    const word = lastWord(), my = ++seq;
    if (!word) return hide();
    try {
      const r = await fetch('/api/suggest?q=' + encodeURIComponent(word) + '&size=8');
      if (!r.ok) return hide();
      const j = await r.json();
      if (my !== seq) return; // a later keystroke asked again
      const sugs = Array.isArray(j) ? j : (j.suggestions || j.items || []);
      show(sugs.filter(s => s && s.text));
    } catch (e) {
      if (my === seq) hide();
    }
  }
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(suggest, 120);
  });
  input.addEventListener('keydown', e => {
    if (list.hidden || !items.length) return;
    if (e.key === 'ArrowDown') { e.preventDefault(); mark((active + 1) % items.length); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); mark(active <= 0 ? items.length - 1 : active - 1); }
    else if (e.key === 'Enter' && active >= 0) { e.preventDefault(); pick(items[active].querySelector('.t').textContent); }
    else if (e.key === 'Escape') { hide(); }
  });
  input.addEventListener('blur', hide);
})();
