// The search page's script: a file of its own because the page's
// Content-Security-Policy allows no inline script.
'use strict';
const form = document.getElementById('f');
const size = 10;
function text(s) { const d = document.createElement('div'); d.textContent = s || ''; return d.innerHTML; }
async function run(page) {
  const p = new URLSearchParams(new FormData(form));
  for (const [k, v] of [...p]) if (!v) p.delete(k);
  p.set('page', page); p.set('size', size);
  history.replaceState(null, '', '?' + p);
  const count = document.getElementById('count'), hits = document.getElementById('hits'), pager = document.getElementById('pager');
  const r = await fetch('/api/search?' + p);
  const j = await r.json();
  if (!r.ok) { count.innerHTML = '<span class="error">' + text(j.error) + '</span>'; hits.innerHTML = ''; pager.innerHTML = ''; return; }
  count.textContent = '找到 ' + j.total + ' 篇文章（' + j.took_ms + ' 毫秒）';
  // Highlights arrive HTML-escaped with <mark> added by the server; every other field is escaped here.
  hits.innerHTML = j.hits.map(h => '<div class="hit">' +
    (h.kicker ? '<div class="kicker">' + (h.highlights.kicker || text(h.kicker)) + '</div>' : '') +
    '<h2><a href="/articles/' + encodeURIComponent(h.id) + '">' + (h.highlights.title || text(h.title)) + '</a></h2>' +
    (h.subtitle ? '<div class="kicker">' + (h.highlights.subtitle || text(h.subtitle)) + '</div>' : '') +
    '<div class="meta">' + text([h.newspaper, h.date, h.section, h.page && (h.page + '版'), (h.authors || []).join(' ')].filter(Boolean).join(' · ')) + '</div>' +
    (h.highlights.body || []).map(s => '<p class="snip">' + s + '</p>').join('') + '</div>').join('');
  const pages = Math.ceil(j.total / size);
  pager.innerHTML = '';
  if (page > 1) pager.append(btn('上一页', page - 1));
  if (page < pages) pager.append(btn('下一页', page + 1));
}
function btn(label, page) { const b = document.createElement('button'); b.textContent = label; b.onclick = () => run(page); return b; }
form.addEventListener('submit', e => { e.preventDefault(); run(1); });
const init = new URLSearchParams(location.search);
for (const [k, v] of init) if (form.elements[k]) form.elements[k].value = v;
if (init.has('q') || init.has('region') || init.has('section')) run(+init.get('page') || 1);
