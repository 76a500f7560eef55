/* tidings web page: a hash router over the JSON API under /api/.
 * Every piece of article text goes in through textContent (never
 * innerHTML), with dir="auto" so right-to-left scripts show right. */
'use strict';

const POLL_MS = 5000;
const view = document.getElementById('view');
let timer = null;
let generation = 0; // bumps on every route change; stale fetches are dropped

function el(tag, attrs, ...kids) {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === 'text') n.textContent = v;
    else if (k === 'class') n.className = v;
    else n.setAttribute(k, v);
  }
  for (const k of kids) if (k !== null && k !== undefined) n.append(k);
  return n;
}

/* Text from articles: any language, any direction. */
function t(tag, text, cls) {
  return el(tag, { dir: 'auto', class: cls, text: text || '' });
}

function link(href, text, cls) {
  return el('a', { href: href, dir: 'auto', class: cls, text: text });
}

async function api(path) {
  const headers = {};
  const token = sessionStorage.getItem('tidings-token');
  if (token) headers['Authorization'] = 'Bearer ' + token;
  const r = await fetch(path, { headers: headers });
  if (r.status === 401) {
    const tok = window.prompt('This server wants an access token:');
    if (tok) {
      sessionStorage.setItem('tidings-token', tok);
      return api(path);
    }
  }
  const body = await r.json().catch(() => ({ error: 'bad reply' }));
  if (!r.ok) throw new Error(body.error || ('HTTP ' + r.status));
  return body;
}

function showError(where, e) {
  where.replaceChildren(el('p', { class: 'error', text: String(e.message || e) }));
}

function qs(params) {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) u.set(k, v);
  const s = u.toString();
  return s ? '?' + s : '';
}

/* ------------------------------------------------------------ health */

async function refreshHealth() {
  try {
    const h = await api('/api/health');
    const rate = h.ingest.per_minute === null ? '…'
      : h.ingest.per_minute.toFixed(0);
    document.getElementById('health').textContent =
      `${h.articles} articles · ${h.stories} stories · ${rate}/min · v${h.version}`;
  } catch (e) { /* the story list shows errors; the header stays quiet */ }
}

/* ------------------------------------------------------------ stories */

function storyItem(s) {
  const langs = el('span', null, ...s.languages.map(l => el('span', { class: 'chip', text: l })));
  return el('li', { class: 'story', 'data-id': String(s.id) },
    link('#/story/' + s.id, s.title || ('story ' + s.id), 'title'),
    el('div', { class: 'meta' },
      `#${s.id} · ${s.articles} articles · ${s.sources} sources · `,
      `${s.first_date || '?'} – ${s.last_date || '?'} `,
      s.growth > 0 ? el('span', { class: 'growth', text: `+${s.growth} new ` }) : null,
      langs));
}

function renderStories(params) {
  const form = el('form', { class: 'filters' },
    el('input', { name: 'q', placeholder: 'words', value: params.get('q') || '', dir: 'auto' }),
    el('input', { name: 'entity', placeholder: 'entity', value: params.get('entity') || '', dir: 'auto' }),
    el('input', { name: 'lang', placeholder: 'lang (en)', size: '6', value: params.get('lang') || '' }),
    el('input', { name: 'since', placeholder: 'since YYYY-MM-DD', size: '12', value: params.get('since') || '' }),
    (() => {
      const sel = el('select', { name: 'sort' });
      for (const s of ['latest', 'size', 'growth']) {
        const o = el('option', { value: s, text: s });
        if ((params.get('sort') || 'latest') === s) o.selected = true;
        sel.append(o);
      }
      return sel;
    })(),
    el('button', { type: 'submit', text: 'Filter' }));
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    const p = {};
    for (const [k, v] of new FormData(form)) if (v) p[k] = v;
    location.hash = '#/' + qs(p);
  });
  const list = el('ul', { id: 'stories', class: 'plain' });
  const status = el('p', { id: 'updated', class: 'muted' });
  view.replaceChildren(el('h1', { text: 'Stories' }), form, status, list);
  const my = generation;
  const load = async () => {
    const p = { limit: '50' };
    for (const k of ['q', 'entity', 'lang', 'since', 'until', 'sort'])
      if (params.get(k)) p[k] = params.get(k);
    try {
      const r = await api('/api/stories' + qs(p));
      if (my !== generation) return;
      list.replaceChildren(...r.stories.map(storyItem));
      status.textContent = `${r.total} stories · updated ${new Date().toLocaleTimeString()}`;
      if (!r.stories.length) list.append(el('li', { class: 'muted', text: 'No stories yet.' }));
    } catch (e) {
      if (my === generation) showError(status, e);
    }
    refreshHealth();
  };
  load();
  timer = setInterval(load, POLL_MS);
}

/* -------------------------------------------------------------- story */

function whyText(why) {
  if (!why || !why.how) return '';
  if (why.how === 'new') return 'started the story';
  if (why.how !== 'joined') return why.how;
  const parts = [];
  for (const k of ['entities', 'terms', 'concepts', 'numbers', 'dates'])
    if (why[k] && why[k].length) parts.push(`${k}: ${why[k].join(', ')}`);
  const score = typeof why.score === 'number' ? ` (score ${why.score.toFixed(2)})` : '';
  return 'joined on ' + (parts.join('; ') || 'similar wording') + score;
}

function articleBlock(a, cls) {
  const d = el('div', { class: 'article ' + (cls || ''), 'data-id': a.id },
    link('#/article/' + encodeURIComponent(a.id), a.title || a.id),
    el('div', { class: 'meta' },
      [a.lang || 'und', a.date || 'no date', a.source || '', a.id].filter(Boolean).join(' · ')),
    t('div', whyText(a.why), 'why'));
  for (const c of a.copies || []) d.append(articleBlock(c, 'folded copy'));
  for (const c of a.translations || []) d.append(articleBlock(c, 'folded translation'));
  if (cls && cls.includes('copy')) d.querySelector('.meta').prepend('copy · ');
  if (cls && cls.includes('translation')) d.querySelector('.meta').prepend('translation · ');
  return d;
}

/* A bar per date: the dates the story's articles carry or speak of. */
function timelineSvg(points) {
  const NS = 'http://www.w3.org/2000/svg';
  const W = 900, H = 160, pad = 24;
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('class', 'timeline');
  svg.setAttribute('id', 'timeline');
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', 'timeline');
  if (!points.length) return svg;
  const max = Math.max(...points.map(p => p.articles));
  const bw = Math.max(2, Math.min(40, (W - 2 * pad) / points.length - 2));
  points.forEach((p, i) => {
    const h = Math.max(2, (H - 2 * pad) * p.articles / max);
    const x = pad + i * ((W - 2 * pad) / points.length);
    const r = document.createElementNS(NS, 'rect');
    r.setAttribute('x', x.toFixed(1));
    r.setAttribute('y', (H - pad - h).toFixed(1));
    r.setAttribute('width', bw.toFixed(1));
    r.setAttribute('height', h.toFixed(1));
    const title = document.createElementNS(NS, 'title');
    title.textContent = `${p.date}: ${p.articles}`;
    r.append(title);
    svg.append(r);
  });
  const label = (x, text, anchor) => {
    const tx = document.createElementNS(NS, 'text');
    tx.setAttribute('x', x);
    tx.setAttribute('y', H - 8);
    tx.setAttribute('text-anchor', anchor);
    tx.textContent = text;
    svg.append(tx);
  };
  label(pad, points[0].date, 'start');
  if (points.length > 1) label(W - pad, points[points.length - 1].date, 'end');
  return svg;
}

async function renderStory(id) {
  view.replaceChildren(el('p', { class: 'muted', text: 'Loading story ' + id + '…' }));
  const my = generation;
  let s;
  try { s = await api('/api/stories/' + encodeURIComponent(id)); } catch (e) {
    if (my === generation) showError(view, e);
    return;
  }
  if (my !== generation) return;
  const groups = s.by_language.map(g => el('div', { class: 'lang-group', 'data-lang': g.lang },
    el('h3', { text: `${g.lang} (${g.articles.length})` }),
    ...g.articles.map(a => articleBlock(a))));
  const ents = el('div', null, ...s.entities.map(e =>
    el('span', { class: 'chip' }, link('#/entity/' + encodeURIComponent(e.name), e.name),
      ` ${e.kind} ${e.articles}`)));
  const sources = el('div', null, ...s.sources_list.map(x =>
    el('span', { class: 'chip', dir: 'auto', text: `${x.source} ${x.articles}` })));
  if (!s.sources_list.length) sources.append(el('span', { class: 'muted', text: 'no outlet named in the input' }));
  view.replaceChildren(
    t('h1', s.title || ('story ' + s.id)),
    el('p', { class: 'meta', text:
      `#${s.id} · ${s.articles} articles · ${s.sources} independent sources · ` +
      `${s.first_date || '?'} – ${s.last_date || '?'} · languages ${s.languages.join(', ')}` }),
    el('section', { id: 'timeline-section' }, el('h2', { text: 'Timeline' }), timelineSvg(s.timeline)),
    el('section', null, el('h2', { text: 'Entities' }), ents),
    el('section', null, el('h2', { text: 'Sources' }), sources),
    el('section', { id: 'articles' }, el('h2', { text: 'Articles by language' }), ...groups));
}

/* ------------------------------------------------------------ article */

async function renderArticle(id) {
  const my = generation;
  let a;
  try { a = await api('/api/articles/' + encodeURIComponent(id)); } catch (e) {
    if (my === generation) showError(view, e);
    return;
  }
  if (my !== generation) return;
  const paras = (a.text || '').split('\n').map(p => t('p', p));
  view.replaceChildren(
    t('h1', a.title || a.id),
    el('p', { class: 'meta' },
      [a.lang, a.date, a.source, a.id].filter(Boolean).join(' · ') + ' · ',
      a.story ? link('#/story/' + a.story, 'story ' + a.story) : 'no story',
      a.url ? el('span', null, ' · ', el('a', { href: a.url, rel: 'noopener noreferrer', text: 'original' })) : null),
    el('article', { dir: 'auto', lang: a.lang || '' }, ...paras));
}

/* ------------------------------------------------------------- entity */

async function renderEntity(name) {
  const my = generation;
  let x;
  try { x = await api('/api/entities/' + encodeURIComponent(name)); } catch (e) {
    if (my === generation) showError(view, e);
    return;
  }
  if (my !== generation) return;
  const rows = x.variants.map(v => el('tr', null, t('td', v.surface), el('td', { text: v.lang || '' }),
    el('td', { text: String(v.count) })));
  view.replaceChildren(
    t('h1', x.name),
    el('p', { class: 'meta', text: `${x.kind} · ${x.mentions} mentions` }),
    el('section', null, el('h2', { text: 'Spellings' }),
      el('table', { id: 'variants' }, el('tr', null, el('th', { text: 'variant' }),
        el('th', { text: 'lang' }), el('th', { text: 'count' })), ...rows)),
    el('section', null, el('h2', { text: 'Stories' }),
      el('ul', { class: 'plain' }, ...x.stories.map(s => el('li', null,
        link('#/story/' + s.id, s.title || ('story ' + s.id)), ` · ${s.articles} articles`)))),
    el('section', null, el('h2', { text: 'Appears with' }),
      el('div', null, ...x.related.map(r => el('span', { class: 'chip' },
        link('#/entity/' + encodeURIComponent(r.name), r.name), ` ${r.shared}`)))));
}

/* ------------------------------------------------------------- search */

function renderSearch(params) {
  const q = params.get('q') || '';
  const form = el('form', { class: 'filters' },
    el('input', { name: 'q', placeholder: 'words, "a phrase", or a name', value: q, size: '40', dir: 'auto' }),
    el('input', { name: 'lang', placeholder: 'lang', size: '5', value: params.get('lang') || '' }),
    el('input', { name: 'since', placeholder: 'since', size: '10', value: params.get('since') || '' }),
    el('input', { name: 'until', placeholder: 'until', size: '10', value: params.get('until') || '' }),
    el('button', { type: 'submit', text: 'Search' }));
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    const p = {};
    for (const [k, v] of new FormData(form)) if (v) p[k] = v;
    location.hash = '#/search' + qs(p);
  });
  const ents = el('div', { id: 'entity-hits' });
  const hits = el('ol', { id: 'hits' });
  view.replaceChildren(el('h1', { text: 'Search' }), form, ents, hits);
  if (!q) return;
  const my = generation;
  const p = { q: q };
  for (const k of ['lang', 'since', 'until']) if (params.get(k)) p[k] = params.get(k);
  api('/api/search' + qs(p)).then(r => {
    if (my !== generation) return;
    hits.replaceChildren(...r.hits.map(h => {
      const snip = el('div', { class: 'snippet', dir: 'auto' });
      /* the engine marks hits as [word] */
      for (const part of (h.snippet || '').split(/(\[[^\]]*\])/)) {
        if (part.startsWith('[') && part.endsWith(']')) snip.append(el('b', { text: part.slice(1, -1) }));
        else snip.append(part);
      }
      return el('li', null, link('#/article/' + encodeURIComponent(h.id), h.title || h.id),
        el('span', { class: 'meta', text: ` ${h.lang || ''} ${h.date || ''} ` }),
        h.story ? link('#/story/' + h.story, 'story ' + h.story) : null, snip);
    }));
    if (!r.hits.length) hits.append(el('li', { class: 'muted', text: 'Nothing found.' }));
  }).catch(e => { if (my === generation) showError(hits, e); });
  api('/api/entities' + qs({ q: q, limit: '10' })).then(r => {
    if (my !== generation || !r.entities.length) return;
    ents.replaceChildren(el('span', { class: 'muted', text: 'Entities: ' }),
      ...r.entities.map(e => el('span', { class: 'chip' },
        link('#/entity/' + encodeURIComponent(e.name), e.name))));
  }).catch(() => {});
}

/* ------------------------------------------------------------- router */

function route() {
  generation++;
  if (timer) { clearInterval(timer); timer = null; }
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path, query] = hash.split('?');
  const params = new URLSearchParams(query || '');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  refreshHealth();
  if (parts[0] === 'story' && parts[1]) return renderStory(parts[1]);
  if (parts[0] === 'article' && parts[1]) return renderArticle(parts.slice(1).join('/'));
  if (parts[0] === 'entity' && parts[1]) return renderEntity(parts.slice(1).join('/'));
  if (parts[0] === 'search') return renderSearch(params);
  return renderStories(params);
}

window.addEventListener('hashchange', route);
route();
