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

async function api(path, method) {
  const headers = {};
  const token = sessionStorage.getItem('tidings-token');
  if (token) headers['Authorization'] = 'Bearer ' + token;
  const r = await fetch(path, { headers: headers, method: method || 'GET' });
  if (r.status === 401) {
    const tok = window.prompt('This server wants an access token:');
    if (tok) {
      sessionStorage.setItem('tidings-token', tok);
      return api(path, method);
    }
  }
  const body = await r.json().catch(() => ({ error: 'bad reply' }));
  if (!r.ok) throw new Error(body.error || ('HTTP ' + r.status));
  return body;
}

function showError(where, e) {
  where.replaceChildren(el('p', { class: 'error', text: String(e.message || e) }));
}

/* The reader's language: headlines and language names follow it. Unless
 * the reader picked one (kept in localStorage), no hl= is sent and the
 * server reads the browser's Accept-Language. */
let HL = localStorage.getItem('tidings-hl') || '';
const HL_CHOICES = ['en', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'pl', 'ru', 'uk', 'tr', 'ar', 'he', 'fa', 'hi', 'zh', 'ja', 'ko'];

function languageName(code) {
  try { return new Intl.DisplayNames([code], { type: 'language' }).of(code) || code; } catch (e) { return code; }
}

function setupHl() {
  const sel = document.getElementById('hl');
  if (!sel || sel.options.length) return;
  sel.append(el('option', { value: '', text: 'headlines: browser language' }));
  for (const c of HL_CHOICES) sel.append(el('option', { value: c, lang: c, text: languageName(c) }));
  sel.value = HL;
  sel.addEventListener('change', () => {
    HL = sel.value;
    if (HL) localStorage.setItem('tidings-hl', HL); else localStorage.removeItem('tidings-hl');
    route();
  });
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

function langChips(codes, names) {
  return el('span', null, ...codes.map(l => el('span', { class: 'chip', lang: l, title: l,
    text: (names && names[l]) || l })));
}

function storyItem(s, names) {
  return el('li', { class: 'story' + (s.breaking ? ' breaking' : ''), 'data-id': String(s.id) },
    s.breaking ? el('span', { class: 'badge', text: 'breaking' }) : null,
    el('a', { href: '#/story/' + s.id, dir: 'auto', class: 'title', lang: s.headline_lang || '',
      text: s.headline || ('story ' + s.id) }),
    el('div', { class: 'meta' },
      `${s.sources} sources · ${s.articles} articles · `,
      `${s.first_date || '?'} – ${s.last_date || '?'} `,
      s.recent_sources > 0 ? el('span', { class: 'growth', text: `${s.recent_sources} in the last 2 days ` }) : null,
      s.growth > 0 ? el('span', { class: 'growth', text: `+${s.growth} new ` }) : null,
      langChips(s.languages, names)));
}

/* Previous / next links for a paged list whose page is in params. */
function pager(total, offset, limit, make) {
  const nav = el('nav', { class: 'pager' });
  if (offset > 0) nav.append(el('a', { href: make(Math.max(0, offset - limit)), rel: 'prev', text: '← newer' }));
  nav.append(el('span', { class: 'muted', text: total
    ? ` ${offset + 1}–${Math.min(total, offset + limit)} of ${total} ` : ' none ' }));
  if (offset + limit < total) nav.append(el('a', { href: make(offset + limit), rel: 'next', text: 'more →' }));
  return nav;
}

function selectOf(name, values, current) {
  const sel = el('select', { name: name, 'aria-label': name });
  for (const v of values) {
    const o = el('option', { value: v, text: v });
    if (current === v) o.selected = true;
    sel.append(o);
  }
  return sel;
}

function renderStories(params) {
  const sort = params.get('sort') || 'top';
  const form = el('form', { class: 'filters' },
    el('input', { name: 'q', placeholder: 'words', value: params.get('q') || '', dir: 'auto', 'aria-label': 'words' }),
    el('input', { name: 'entity', placeholder: 'person, place, organisation', value: params.get('entity') || '', dir: 'auto', 'aria-label': 'entity' }),
    el('input', { name: 'lang', placeholder: 'languages (en,de)', size: '12', value: params.get('lang') || '', 'aria-label': 'languages' }),
    el('input', { name: 'since', placeholder: 'since YYYY-MM-DD', size: '12', value: params.get('since') || '', 'aria-label': 'since' }),
    el('input', { name: 'until', placeholder: 'until YYYY-MM-DD', size: '12', value: params.get('until') || '', 'aria-label': 'until' }),
    selectOf('sort', ['top', 'breaking', 'latest', 'size'], sort),
    el('button', { type: 'submit', text: 'Filter' }));
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    const p = {};
    for (const [k, v] of new FormData(form)) if (v) p[k] = v;
    location.hash = '#/' + qs(p);
  });
  const list = el('ul', { id: 'stories', class: 'plain' });
  const status = el('p', { id: 'updated', class: 'muted' });
  const pages = el('div', { id: 'pages' });
  const facets = el('div', { id: 'facets', class: 'facets' });
  const feed = el('a', { href: '/feeds/stories.atom' + qs({ hl: HL }), class: 'feed', type: 'application/atom+xml', text: 'Atom feed' });
  const hlNote = el('span', { id: 'hl-note', class: 'muted' });
  /* On a narrow screen the facets start folded, so that the stories come
   * first. */
  const facetBox = el('details', { id: 'facet-box', open: window.innerWidth > 600 ? '' : null },
    el('summary', { class: 'muted', text: 'Filter by language, outlet, country, entity' }), facets);
  view.replaceChildren(el('h1', null, 'Stories ', feed, hlNote), form, facetBox, status, list, pages);
  const my = generation;
  const offset = parseInt(params.get('offset') || '0', 10) || 0;
  const limit = 30;
  /* The country and entity facets read every mention: asked for once per
   * view, not at every poll. */
  let slow = null;
  const load = async () => {
    const p = { limit: String(limit), hl: HL, offset: offset ? String(offset) : '',
      facets: slow ? 'languages,outlets' : 'languages,outlets,countries,entities' };
    for (const k of ['q', 'entity', 'lang', 'since', 'until', 'sort', 'outlet', 'country'])
      if (params.get(k)) p[k] = params.get(k);
    try {
      const r = await api('/api/stories' + qs(p));
      if (my !== generation) return;
      if (!slow) slow = { countries: r.facets.countries || [], entities: r.facets.entities || [] };
      r.facets.countries = slow.countries;
      r.facets.entities = slow.entities;
      /* The feed keeps the language the server chose for this reader. */
      feed.setAttribute('href', '/feeds/stories.atom' + qs({ hl: r.hl }));
      hlNote.textContent = ` headlines in ${languageName(r.hl)}` +
        (r.hl_from === 'accept-language' ? ' (your browser\'s language)' : r.hl_from === 'default' ? ' (default)' : '');
      list.replaceChildren(...r.stories.map(s => storyItem(s, r.language_names)));
      /* Language facet: every language of the matching stories, a click
       * filters by it. */
      const keep = {};
      for (const [k, v] of params) if (k !== 'offset' && k !== 'lang') keep[k] = v;
      facets.replaceChildren(el('span', { class: 'muted', text: 'Languages: ' }),
        ...r.facets.languages.slice(0, 24).map(f => el('a', {
          class: 'chip' + (params.get('lang') === f.lang ? ' on' : ''), lang: f.lang,
          href: '#/' + qs(Object.assign({}, keep, { lang: f.lang })),
          text: `${f.name || f.lang} ${f.stories}` })));
      const keepO = {};
      for (const [k, v] of params) if (k !== 'offset' && k !== 'outlet') keepO[k] = v;
      if ((r.facets.outlets || []).length)
        facets.append(el('br'), el('span', { class: 'muted', text: 'Outlets: ' }),
          ...r.facets.outlets.slice(0, 16).map(f => el('a', {
            class: 'chip' + (params.get('outlet') === f.outlet ? ' on' : ''), dir: 'auto',
            href: '#/' + qs(Object.assign({}, keepO, { outlet: f.outlet })),
            text: `${f.outlet} ${f.stories}` })));
      /* Countries (from the places the stories name) and entities: a click
       * filters by one. */
      const keepC = {};
      for (const [k, v] of params) if (k !== 'offset' && k !== 'country') keepC[k] = v;
      if ((r.facets.countries || []).length)
        facets.append(el('br'), el('span', { class: 'muted', text: 'Countries: ' }),
          ...r.facets.countries.slice(0, 20).map(f => el('a', {
            class: 'chip country' + ((params.get('country') || '').toUpperCase() === f.country ? ' on' : ''),
            'data-country': f.country, title: f.country,
            href: '#/' + qs(Object.assign({}, keepC, { country: f.country })),
            text: `${f.name || f.country} ${f.stories}` })));
      const keepE = {};
      for (const [k, v] of params) if (k !== 'offset' && k !== 'entity') keepE[k] = v;
      if ((r.facets.entities || []).length)
        facets.append(el('br'), el('span', { class: 'muted', text: 'Entities: ' }),
          ...r.facets.entities.slice(0, 16).map(f => el('a', {
            class: 'chip entity' + (params.get('entity') === f.name ? ' on' : ''), dir: 'auto',
            href: '#/' + qs(Object.assign({}, keepE, { entity: f.name })),
            text: `${f.name} ${f.stories}` })));
      status.textContent = `${r.total} stories · ${r.sort}` +
        (r.now ? ` · news time ${r.now}` : '') + ` · updated ${new Date().toLocaleTimeString()}`;
      const base = {};
      for (const [k, v] of params) if (k !== 'offset') base[k] = v;
      pages.replaceChildren(pager(r.total, offset, limit,
        o => '#/' + qs(Object.assign({}, base, { offset: o ? String(o) : '' }))));
      if (!r.stories.length) list.append(el('li', { class: 'muted', text: 'No stories match.' }));
    } catch (e) {
      if (my === generation) showError(status, e);
    }
    refreshHealth();
  };
  load();
  timer = setInterval(load, POLL_MS);
}

/* -------------------------------------------------------------- story */

/* Why an article joined, in words: the names it shares (display names),
 * numbers and dates, and how close it was; stems are never shown. */
function whyText(why) {
  if (!why || !why.how) return '';
  if (why.how === 'new') return 'started the story';
  if (why.how === 'moved') {
    const score = typeof why.score === 'number' ? why.score.toFixed(2) : '?';
    if (why.by === 'joined') {
      let text = `moved here from story #${why.from} when recent articles were re-read (score ${score})`;
      if (why.runner_up && typeof why.runner_up.score === 'number')
        text += `; next best story #${why.runner_up.story} at ${why.runner_up.score.toFixed(2)}`;
      return text;
    }
    if (why.by === 'merged') return `moved here from story #${why.from}: the two stories were found to be one (mean score ${score})`;
    if (why.by === 'original') return `moved here from story #${why.from} with its original`;
    return `started this story when recent articles were re-read (was in story #${why.from})`;
  }
  if (why.how !== 'joined') return why.how;
  const parts = [];
  if (why.entities && why.entities.length) parts.push('shares ' + why.entities.join(', '));
  if (why.numbers && why.numbers.length) parts.push('the same figures ' + why.numbers.join(', '));
  if (why.dates && why.dates.length) parts.push('the same dates ' + why.dates.join(', '));
  const wording = (why.terms && why.terms.length) || (why.concepts && why.concepts.length);
  if (wording) parts.push(why.concepts && why.concepts.length && !(why.terms && why.terms.length)
    ? 'similar wording in translation' : 'similar wording');
  const score = typeof why.score === 'number' ? ` (similarity ${why.score.toFixed(2)})` : '';
  let text = 'joined: ' + (parts.join('; ') || 'similar wording') + score;
  if (why.runner_up && typeof why.runner_up.score === 'number')
    text += `; next best story #${why.runner_up.story} at ${why.runner_up.score.toFixed(2)}`;
  return text;
}

/* The outlet: the source given, else the link's domain. */
function outletOf(a) {
  if (a.source) return a.source;
  try { return a.url ? new URL(a.url).hostname.replace(/^www\./, '') : ''; } catch (e) { return ''; }
}

function articleBlock(a, cls) {
  const d = el('div', { class: 'article ' + (cls || ''), 'data-id': a.id },
    link('#/article/' + encodeURIComponent(a.id), a.headline || a.title || a.id),
    el('div', { class: 'meta' },
      [a.lang || 'und', a.date || 'no date', outletOf(a), a.id].filter(Boolean).join(' · ')),
    t('div', whyText(a.why), 'why'));
  for (const c of a.copies || []) d.append(articleBlock(c, 'folded copy'));
  for (const c of a.translations || []) d.append(articleBlock(c, 'folded translation'));
  if (cls && cls.includes('copy')) d.querySelector('.meta').prepend('copy · ');
  if (cls && cls.includes('translation')) d.querySelector('.meta').prepend('translation · ');
  return d;
}

/* The timeline on a real time axis: one bar per day, a month-only date
 * drawn as a range across its month (its height spread over its days),
 * labelled at the ends and at month starts; the SVG scales to the width,
 * its labels stay legible at 400 px because there are few of them. */
function dayNumber(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y, (m || 1) - 1, d || 1) / 86400000;
}

function isoOf(day) {
  return new Date(day * 86400000).toISOString().slice(0, 10);
}

function timelineSvg(points) {
  const NS = 'http://www.w3.org/2000/svg';
  const W = 900, H = 170, pad = 28, base = H - 34;
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('class', 'timeline');
  svg.setAttribute('id', 'timeline');
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('role', 'img');
  const spans = points.filter(p => /^\d{4}-\d{2}(-\d{2})?$/.test(p.date)).map(p => {
    const from = dayNumber(p.date);
    const to = p.date.length === 7 ? dayNumber(isoOf(from + 31).slice(0, 7)) - 1 : from;
    return { date: p.date, from: from, to: to, articles: p.articles, month: p.date.length === 7 };
  });
  svg.setAttribute('aria-label', `timeline of ${spans.length} dates`);
  if (!spans.length) return svg;
  let lo = Math.min(...spans.map(p => p.from)), hi = Math.max(...spans.map(p => p.to));
  if (hi - lo < 6) { lo -= 3; hi += 3; }
  const x = day => pad + (W - 2 * pad) * (day - lo) / (hi + 1 - lo);
  const perDay = p => p.month ? p.articles / (p.to - p.from + 1) : p.articles;
  const max = Math.max(...spans.map(p => p.month ? p.articles : perDay(p)));
  for (const p of spans) {
    const h = Math.max(3, (base - 12) * p.articles / max);
    const r = document.createElementNS(NS, 'rect');
    const x0 = x(p.from), x1 = Math.max(x(p.to + 1), x0 + 3);
    r.setAttribute('x', x0.toFixed(1));
    r.setAttribute('y', (base - h).toFixed(1));
    r.setAttribute('width', Math.max(3, x1 - x0 - 1).toFixed(1));
    r.setAttribute('height', h.toFixed(1));
    r.setAttribute('class', p.month ? 'month' : 'day');
    r.setAttribute('data-date', p.date);
    const title = document.createElementNS(NS, 'title');
    title.textContent = `${p.date}${p.month ? ' (month only)' : ''}: ${p.articles} articles`;
    r.append(title);
    svg.append(r);
  }
  const axis = document.createElementNS(NS, 'line');
  axis.setAttribute('x1', pad); axis.setAttribute('x2', W - pad);
  axis.setAttribute('y1', base + 0.5); axis.setAttribute('y2', base + 0.5);
  svg.append(axis);
  const label = (xx, text, anchor) => {
    const tx = document.createElementNS(NS, 'text');
    tx.setAttribute('x', xx.toFixed(1));
    tx.setAttribute('y', H - 10);
    tx.setAttribute('text-anchor', anchor);
    tx.textContent = text;
    svg.append(tx);
  };
  label(x(lo), isoOf(lo), 'start');
  label(x(hi + 1), isoOf(hi), 'end');
  /* month ticks in between, at most four so they never overlap */
  const months = [];
  for (let d = lo + 1; d < hi; d++) if (isoOf(d).endsWith('-01')) months.push(d);
  const step = Math.ceil(months.length / 4) || 1;
  months.filter((_, i) => i % step === 0).forEach(d => {
    if (x(d) - x(lo) > 110 && x(hi + 1) - x(d) > 110) label(x(d), isoOf(d).slice(0, 7), 'middle');
  });
  return svg;
}

async function renderStory(id) {
  view.replaceChildren(el('p', { class: 'muted', text: 'Loading story ' + id + '…' }));
  const my = generation;
  let s;
  try { s = await api('/api/stories/' + encodeURIComponent(id) + qs({ hl: HL })); } catch (e) {
    if (my === generation) showError(view, e);
    return;
  }
  if (my !== generation) return;
  const groupsOf = page => page.by_language.map(g => el('div', { class: 'lang-group', 'data-lang': g.lang },
    el('h3', { text: `${g.lang} (${g.articles.length})` }),
    ...g.articles.map(a => articleBlock(a))));
  const groups = groupsOf(s);
  /* A story's articles come a page at a time (it may have thousands). */
  const pager = el('p', { id: 'articles-more', class: 'muted' });
  let shownTo = s.articles_offset + s.articles_shown;
  const updatePager = () => {
    pager.replaceChildren(`${shownTo} of ${s.articles} articles shown`);
    if (shownTo < s.articles) {
      const b = el('button', { type: 'button', text: 'More articles' });
      b.addEventListener('click', async () => {
        b.disabled = true;
        let next;
        try { next = await api('/api/stories/' + encodeURIComponent(id) + qs({ hl: HL, offset: shownTo, limit: s.articles_limit })); } catch (e) {
          showError(pager, e);
          return;
        }
        if (my !== generation) return;
        pager.before(...groupsOf(next));
        shownTo = next.articles_offset + next.articles_shown;
        updatePager();
      });
      pager.append(' ', b);
    }
  };
  updatePager();
  const ents = el('div', null, ...s.entities.map(e =>
    el('span', { class: 'chip' }, link('#/entity/' + encodeURIComponent(e.name), e.name),
      ` ${e.kind} ${e.articles}`)));
  /* Outlets: the source given, else the link's domain. */
  const outlets = {};
  const walk = a => {
    const o = outletOf(a);
    if (o) outlets[o] = (outlets[o] || 0) + 1;
    for (const c of (a.copies || []).concat(a.translations || [])) walk(c);
  };
  for (const g of s.by_language) for (const a of g.articles) walk(a);
  const sources = el('div', null, ...Object.entries(outlets).map(([k, n]) =>
    el('span', { class: 'chip', dir: 'auto', text: `${k} ${n}` })));
  if (!Object.keys(outlets).length) sources.append(el('span', { class: 'muted', text: 'outlets not known (no source or link in the input)' }));
  view.replaceChildren(
    el('h1', { dir: 'auto', lang: s.headline_lang || '', text: s.headline || s.title || ('story ' + s.id) }),
    el('p', { class: 'meta', text:
      `#${s.id} · ${s.articles} articles · ${s.sources} independent sources · ` +
      `${s.first_date || '?'} – ${s.last_date || '?'} · languages ${s.languages.join(', ')}` }),
    el('section', { id: 'timeline-section' }, el('h2', { text: 'Timeline' }), timelineSvg(s.timeline)),
    el('section', null, el('h2', { text: 'Entities' }), ents),
    el('section', null, el('h2', { text: 'Sources' }), sources),
    el('section', { id: 'articles' }, el('h2', { text: 'Articles by language' }), ...groups, pager));
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

/* Articles naming an entity, counted by their dates, for the chart. */
function mentionPoints(articles) {
  const by = {};
  for (const a of articles) if (a.date) by[a.date] = (by[a.date] || 0) + 1;
  return Object.keys(by).sort().map(d => ({ date: d, articles: by[d] }));
}

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
    el('p', { class: 'meta' }, `${x.kind} · ${x.mentions} mentions · `,
      el('a', { href: '/feeds/entity/' + encodeURIComponent(x.name) + '.atom', class: 'feed', type: 'application/atom+xml', text: 'Atom feed' })),
    el('section', null, el('h2', { text: 'Spellings' }),
      el('table', { id: 'variants' }, el('tr', null, el('th', { text: 'variant' }),
        el('th', { text: 'lang' }), el('th', { text: 'count' })), ...rows)),
    el('section', null, el('h2', { text: 'Stories' }),
      el('ul', { class: 'plain' }, ...x.stories.map(s => el('li', null,
        link('#/story/' + s.id, s.title || ('story ' + s.id)), ` · ${s.articles} articles`)))),
    el('section', { id: 'entity-chart' }, el('h2', { text: 'Mentions over time' }),
      timelineSvg(mentionPoints(x.articles))),
    el('section', { id: 'entity-articles' }, el('h2', { text: `Articles (${x.articles.length})` }),
      el('ul', { class: 'plain' }, ...x.articles.map(a => el('li', null,
        link('#/article/' + encodeURIComponent(a.id), a.title || a.id),
        el('span', { class: 'meta', text: ` ${a.lang || ''} ${a.date || ''} ` }),
        a.story ? link('#/story/' + a.story, 'story ' + a.story) : null)))),
    el('section', null, el('h2', { text: 'Appears with' }),
      el('div', null, ...x.related.map(r => el('span', { class: 'chip' },
        link('#/entity/' + encodeURIComponent(r.name), r.name), ` ${r.shared}`)))));
}

/* ----------------------------------------------------------- entities */

async function renderEntities(params) {
  const form = el('form', { class: 'filters' },
    el('input', { name: 'q', placeholder: 'a name in any spelling', value: params.get('q') || '', dir: 'auto', 'aria-label': 'name' }),
    el('button', { type: 'submit', text: 'Find' }));
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    const p = {};
    for (const [k, v] of new FormData(form)) if (v) p[k] = v;
    location.hash = '#/entities' + qs(p);
  });
  const list = el('table', { id: 'entities' });
  const rising = el('table', { id: 'rising' });
  const risingNote = el('p', { class: 'muted' });
  view.replaceChildren(el('h1', { text: 'Entities' }),
    el('section', { id: 'rising-section' }, el('h2', { text: 'Rising now' }), risingNote, rising),
    el('h2', { text: 'Most mentioned' }),
    el('p', { class: 'muted', text: 'Named in recent stories, most mentioned first.' }), form, list);
  const my = generation;
  api('/api/entities' + qs({ sort: 'rising', limit: '20' })).then(r => {
    if (my !== generation) return;
    risingNote.textContent = r.now
      ? `Named in more articles in the ${r.recent_days} days up to ${r.now} (news time) than the ${r.earlier_days} days before predict.`
      : 'No dated articles: nothing can rise.';
    rising.replaceChildren(el('tr', null, el('th', { text: 'name' }), el('th', { text: 'kind' }),
      el('th', { text: `last ${r.recent_days} days` }), el('th', { text: `${r.earlier_days} days before` })),
      ...r.entities.map(x => el('tr', null,
        el('td', null, link('#/entity/' + encodeURIComponent(x.name), x.name)),
        el('td', { text: x.kind }), el('td', { class: 'growth', text: String(x.recent_articles) }),
        el('td', { text: String(x.earlier_articles) }))));
    if (!r.entities.length) rising.append(el('tr', null, el('td', { class: 'muted', text: 'Nothing rising.' })));
  }).catch(e => { if (my === generation) showError(rising, e); });
  try {
    const r = await api('/api/entities' + qs({ q: params.get('q') || '', limit: '100' }));
    if (my !== generation) return;
    /* the entity a query resolves to says its mentions; the others how
     * many articles of the recent stories name them */
    list.replaceChildren(el('tr', null, el('th', { text: 'name' }), el('th', { text: 'kind' }), el('th', { text: 'articles' })),
      ...r.entities.map(x => el('tr', null,
        el('td', null, link('#/entity/' + encodeURIComponent(x.name), x.name)),
        el('td', { text: x.kind }),
        el('td', { text: x.match ? `${x.mentions} mentions` : String(x.articles) }))));
  } catch (e) {
    if (my === generation) showError(list, e);
  }
}

/* ------------------------------------------------------------- search */

function renderSearch(params) {
  const q = params.get('q') || '';
  const form = el('form', { class: 'filters' },
    el('input', { name: 'q', placeholder: 'words, "a phrase", or a name', value: q, size: '40', dir: 'auto' }),
    el('input', { name: 'lang', placeholder: 'lang', size: '5', value: params.get('lang') || '' }),
    el('input', { name: 'since', placeholder: 'since', size: '10', value: params.get('since') || '' }),
    el('input', { name: 'until', placeholder: 'until', size: '10', value: params.get('until') || '' }),
    el('input', { name: 'author', placeholder: 'author', size: '12', value: params.get('author') || '', dir: 'auto', 'aria-label': 'author' }),
    el('input', { name: 'outlet', placeholder: 'outlet', size: '12', value: params.get('outlet') || '', dir: 'auto', 'aria-label': 'outlet' }),
    el('input', { name: 'site', placeholder: 'site (domain)', size: '14', value: params.get('site') || '', 'aria-label': 'site' }),
    selectOf('sort', ['relevance', 'date'], params.get('sort') || 'relevance'),
    el('button', { type: 'submit', text: 'Search' }));
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    const p = {};
    for (const [k, v] of new FormData(form)) if (v) p[k] = v;
    location.hash = '#/search' + qs(p);
  });
  const ents = el('div', { id: 'entity-hits' });
  const hits = el('ol', { id: 'hits' });
  const info = el('p', { id: 'search-info', class: 'muted' });
  const pages = el('div', { id: 'pages' });
  view.replaceChildren(el('h1', { text: 'Search' }), form, info, ents, hits, pages);
  if (!q) return;
  const my = generation;
  const offset = parseInt(params.get('offset') || '0', 10) || 0;
  const limit = 20;
  const p = { q: q, limit: String(limit), offset: offset ? String(offset) : '' };
  for (const k of ['lang', 'since', 'until', 'sort', 'author', 'outlet', 'site']) if (params.get(k)) p[k] = params.get(k);
  api('/api/search' + qs(p)).then(r => {
    if (my !== generation) return;
    info.replaceChildren(`${r.total} articles · ${r.sort} `,
      ...r.expansions.map(x => el('span', { class: 'chip expansion', dir: 'auto',
        text: `${x.word} → ${x.entity}, ${x.forms} forms` })),
      ' ', el('a', { href: '/feeds/search.atom' + qs({ q: q }), class: 'feed', type: 'application/atom+xml', text: 'Atom feed' }),
      ' ', followButton(q));
    hits.setAttribute('start', String(offset + 1));
    const base = {};
    for (const [k, v] of params) if (k !== 'offset') base[k] = v;
    pages.replaceChildren(pager(r.total, offset, limit,
      o => '#/search' + qs(Object.assign({}, base, { offset: o ? String(o) : '' }))));
    hits.replaceChildren(...r.hits.map(h => {
      const snip = el('div', { class: 'snippet', dir: 'auto' });
      /* the engine marks hits as [word] */
      for (const part of (h.snippet || '').split(/(\[[^\]]*\])/)) {
        if (part.startsWith('[') && part.endsWith(']')) snip.append(el('b', { text: part.slice(1, -1) }));
        else snip.append(part);
      }
      return el('li', null, link('#/article/' + encodeURIComponent(h.id), h.headline || h.title || h.id),
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

/* ------------------------------------------------------------ follows */

/* Saves query as a follow (the server allows it when it has a token). */
function followButton(query) {
  const b = el('button', { type: 'button', id: 'follow-this', text: 'Follow this search' });
  b.addEventListener('click', async () => {
    b.disabled = true;
    try {
      await api('/api/follows' + qs({ q: query }), 'POST');
      location.hash = '#/follows';
    } catch (e) {
      b.replaceWith(el('span', { class: 'error', text: String(e.message || e) }));
    }
  });
  return b;
}

async function renderFollows() {
  const list = el('table', { id: 'follows' });
  const note = el('p', { id: 'follows-note', class: 'muted' });
  const input = el('input', { name: 'q', placeholder: 'a search to follow: words, a name, filters', size: '40', dir: 'auto', 'aria-label': 'query' });
  const form = el('form', { class: 'filters', id: 'follow-form' }, input,
    el('button', { type: 'submit', text: 'Follow' }));
  const err = el('p', { id: 'follow-error', class: 'error' });
  view.replaceChildren(el('h1', { text: 'Follows' }),
    el('p', { class: 'muted', text: 'Saved searches, with what arrived since each was last reported (tidings alerts).' }),
    form, err, note, list);
  const my = generation;
  const load = async () => {
    let r;
    try { r = await api('/api/follows'); } catch (e) {
      if (my === generation) showError(list, e);
      return;
    }
    if (my !== generation) return;
    form.hidden = !r.writable;
    note.textContent = r.writable ? '' : 'Read only: editing follows needs a server started with --token.';
    list.replaceChildren(el('tr', null, el('th', { text: 'follow' }), el('th', { text: 'since' }),
      el('th', { text: 'new' }), r.writable ? el('th', { text: '' }) : null),
      ...r.follows.map(f => {
        let rm = null;
        if (r.writable) {
          rm = el('button', { type: 'button', class: 'remove', 'data-id': String(f.id), text: 'Remove' });
          rm.addEventListener('click', async () => {
            rm.disabled = true;
            try { await api('/api/follows/' + f.id, 'DELETE'); } catch (e) { err.textContent = String(e.message || e); }
            load();
          });
        }
        return el('tr', { 'data-id': String(f.id) },
          el('td', null, link('#/search' + qs({ q: f.query, sort: 'date' }), f.query)),
          el('td', { text: (f.created || '').slice(0, 10) }),
          el('td', { class: 'new', text: String(f.new) }),
          rm ? el('td', null, rm) : null);
      }));
    if (!r.follows.length) list.append(el('tr', null, el('td', { class: 'muted', text: 'Nothing followed yet.' })));
  };
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    err.textContent = '';
    if (!input.value.trim()) return;
    try {
      await api('/api/follows' + qs({ q: input.value.trim() }), 'POST');
      input.value = '';
    } catch (e) { err.textContent = String(e.message || e); }
    load();
  });
  load();
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
  setupHl();
  if (parts[0] === 'follows') return renderFollows();
  if (parts[0] === 'story' && parts[1]) return renderStory(parts[1]);
  if (parts[0] === 'article' && parts[1]) return renderArticle(parts.slice(1).join('/'));
  if (parts[0] === 'entity' && parts[1]) return renderEntity(parts.slice(1).join('/'));
  if (parts[0] === 'search') return renderSearch(params);
  if (parts[0] === 'entities') return renderEntities(params);
  return renderStories(params);
}

window.addEventListener('hashchange', route);
route();
