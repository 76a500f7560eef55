#!/usr/bin/env python3
"""page_test.py -- loads the tidings web page in headless Chromium.

    page_test.py TIDINGS DB OUTDIR

Starts `TIDINGS serve --db DB --port 0`, then drives Debian's chromium:
--dump-dom after the page's scripts ran (virtual time) to check the story
list and a story's timeline are in the DOM, and --screenshot of both pages,
which are decoded here (zlib, no imaging library) to check the timeline's
bars and the story cards are actually drawn. Screenshots stay in OUTDIR.

Prints TAP-like "ok - ..." lines and the tally "cli: N passed, M failed"
that tests/run.sh adds up. Exits 0 with a "skip" line when chromium is not
installed or cannot start.
"""
import json
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request
import zlib

PASS = FAIL = 0


def ok(name, cond, detail=''):
    global PASS, FAIL
    if cond:
        PASS += 1
        print(f'ok - {name}')
    else:
        FAIL += 1
        print(f'not ok - {name}')
        if detail:
            print('    ' + detail[:600].replace('\n', '\n    '))


def finish():
    print(f'cli: {PASS} passed, {FAIL} failed')
    sys.exit(0 if FAIL == 0 else 1)


def find_chromium():
    for name in ('chromium', 'chromium-browser', 'google-chrome'):
        p = shutil.which(name)
        if p:
            return p
    return None


def chromium(exe, profile, args, timeout=90):
    base = [exe, '--headless', '--no-sandbox', '--disable-gpu',
            '--disable-dev-shm-usage', '--no-first-run',
            '--hide-scrollbars', '--user-data-dir=' + profile,
            '--virtual-time-budget=8000']
    return subprocess.run(base + args, capture_output=True, timeout=timeout)


def png_pixels(path):
    """(width, height, rows of (r, g, b)) of an 8-bit RGB/RGBA PNG."""
    data = open(path, 'rb').read()
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        raise ValueError('not a PNG')
    pos, idat, w = 8, b'', 0
    while pos < len(data):
        n, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b'IHDR':
            w, h, depth, ctype, _, _, interlace = struct.unpack('>IIBBBBB', body)
            if depth != 8 or ctype not in (2, 6) or interlace:
                raise ValueError(f'unsupported PNG (depth {depth}, type {ctype})')
            bpp = 3 if ctype == 2 else 4
        elif kind == b'IDAT':
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 255
        rows.append([tuple(line[x * bpp:x * bpp + 3]) for x in range(w)])
        prev = line
    return w, h, rows


def count_colour(rows, rgb, tol=12):
    return sum(1 for row in rows for p in row
               if all(abs(p[k] - rgb[k]) <= tol for k in range(3)))


# Drives the Follows view of a server with a token: a script served
# beside the page (the page's own, from a copy of web/ given by --web)
# stores the token as the page does after asking for it, adds a follow
# through the form, then removes it by its button, and writes what it saw
# into the DOM, which --dump-dom returns once virtual time has run.
E2E_JS = r"""
'use strict';
sessionStorage.setItem('tidings-token', '%(token)s');
const log = [];
function note(s) {
  log.push(s);
  let pre = document.getElementById('e2e');
  if (!pre) { pre = document.createElement('pre'); pre.id = 'e2e'; document.body.append(pre); }
  pre.textContent = log.join(' ');
}
function until(test, then, left) {
  if (test()) return then();
  if (left <= 0) return note('timeout');
  setTimeout(() => until(test, then, left - 1), 50);
}
window.addEventListener('load', () => {
  until(() => { const f = document.getElementById('follow-form'); return f && !f.hidden; }, () => {
    note('writable');
    document.querySelector('#follow-form input[name=q]').value = 'lighthouse lang:en';
    document.getElementById('follow-form').requestSubmit();
    until(() => /lighthouse lang:en/.test(document.getElementById('follows').textContent), () => {
      const row = document.querySelector('#follows tr[data-id]');
      note('added:' + row.getAttribute('data-id'));
      row.querySelector('button.remove').click();
      until(() => !document.querySelector('#follows tr[data-id]'), () => note('removed'), 100);
    }, 100);
  }, 100);
});
"""


def follows_edited(exe, profile, tidings, db, outdir):
    here = os.path.dirname(os.path.abspath(__file__))
    web = os.path.join(here, '..', '..', 'web')
    tmp = tempfile.mkdtemp(prefix='tidings-web-')
    token = 'e2e-token-%d' % os.getpid()
    try:
        for name in os.listdir(web):
            shutil.copy(os.path.join(web, name), tmp)
        with open(os.path.join(tmp, 'e2e.js'), 'w') as f:
            f.write(E2E_JS % {'token': token})
        page = open(os.path.join(tmp, 'index.html'), encoding='utf-8').read()
        page = page.replace('<script src="/app.js" defer></script>',
                            '<script src="/e2e.js"></script><script src="/app.js" defer></script>')
        open(os.path.join(tmp, 'index.html'), 'w', encoding='utf-8').write(page)
        srv = subprocess.Popen([tidings, 'serve', '--db', db, '--port', '0', '--token', token,
                                '--web', tmp], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
        try:
            m = re.search(r'serving (http://\S+)', srv.stdout.readline())
            ok('server with a token starts', m is not None)
            if not m:
                return
            url = m.group(1).rstrip('/')
            for width in (1400, 400):
                r = chromium(exe, profile, [f'--window-size={width},1000',
                                            '--virtual-time-budget=15000',
                                            '--dump-dom', url + '/#/follows'])
                dom = r.stdout.decode('utf-8', 'replace')
                got = re.search(r'<pre id="e2e">([^<]*)</pre>', dom)
                steps = got.group(1).split() if got else []
                ok(f'follows at {width} px: the page may edit with a token', 'writable' in steps, dom[-600:])
                ok(f'follows at {width} px: added through the form',
                   any(s.startswith('added:') for s in steps), ' '.join(steps))
                ok(f'follows at {width} px: removed by its button', 'removed' in steps, ' '.join(steps))
            req = urllib.request.Request(url + '/api/follows',
                                         headers={'Authorization': 'Bearer ' + token})
            left = json.load(urllib.request.urlopen(req, timeout=30))['follows']
            ok('follows: the store holds none after the page removed it', left == [], str(left))
            path = os.path.join(outdir, 'view-follows-edit-400.png')
            if os.path.exists(path):
                os.remove(path)
            chromium(exe, profile, ['--window-size=400,1000', '--virtual-time-budget=4000',
                                    '--screenshot=' + path, url + '/#/follows'])
            ok('screenshot of the follows view (token) saved', os.path.exists(path), path)
        finally:
            srv.send_signal(signal.SIGTERM)
            try:
                srv.wait(timeout=30)
            except subprocess.TimeoutExpired:
                srv.kill()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    if len(sys.argv) != 4:
        print('usage: page_test.py TIDINGS DB OUTDIR', file=sys.stderr)
        sys.exit(2)
    tidings, db, outdir = sys.argv[1:]
    os.makedirs(outdir, exist_ok=True)
    exe = find_chromium()
    if not exe:
        print('skip - chromium is not installed (apt-get install chromium)')
        finish()
    profile = tempfile.mkdtemp(prefix='tidings-chromium-')
    server = subprocess.Popen([tidings, 'serve', '--db', db, '--port', '0'],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    try:
        line = server.stdout.readline()
        m = re.search(r'serving (http://\S+)', line)
        ok('server starts', m is not None, line + server.stderr.read()
           if not m else '')
        if not m:
            finish()
        url = m.group(1).rstrip('/')
        stories = json.load(urllib.request.urlopen(
            url + '/api/stories?sort=size&limit=1', timeout=30))['stories']
        ok('the store has a story', len(stories) == 1)
        if not stories:
            finish()
        sid = stories[0]['id']

        try:
            r = chromium(exe, profile, ['--dump-dom', url + '/#/'])
        except (OSError, subprocess.TimeoutExpired) as e:
            print(f'skip - chromium cannot start: {e}')
            finish()
        dom = r.stdout.decode('utf-8', 'replace')
        if r.returncode != 0 and not dom:
            print('skip - chromium cannot start: ' +
                  r.stderr.decode('utf-8', 'replace')[-400:])
            finish()
        items = len(re.findall(r'<li class="story"', dom))
        ok('story list rendered from /api/stories', items >= 1,
           dom[-800:])
        ok('story links point at story pages', f'href="#/story/{sid}"' in dom)
        ok('updated line shown (polling)', 'updated' in dom)
        ok('article text is dir=auto', 'dir="auto"' in dom)

        r = chromium(exe, profile, ['--dump-dom', f'{url}/#/story/{sid}'])
        dom = r.stdout.decode('utf-8', 'replace')
        ok('story page has a timeline svg', '<svg class="timeline"' in dom,
           dom[-800:])
        ok('timeline has bars', len(re.findall(r'<rect ', dom)) >= 1)
        ok('story page groups by language', 'class="lang-group"' in dom)
        ok('story page lists entities', 'href="#/entity/' in dom)

        # The analyst's views (issue 17), at both widths.
        ent = json.load(urllib.request.urlopen(
            url + '/api/stories/%d' % sid, timeout=30))['entities'][0]['name']
        from urllib.parse import quote
        views = {
            'stories': ('#/', ['<select name="sort"', 'value="breaking"',
                               'class="pager"', 'news time', 'Atom feed',
                               'class="chip country', 'class="chip entity',
                               'id="hl-note"', 'headlines in ', '<select id="hl"']),
            'story': (f'#/story/{sid}', ['<svg class="timeline"', 'data-date=',
                                         'joined: ', 'class="lang-group"']),
            'search': ('#/search?q=' + quote(ent), ['id="search-info"', ' articles · ',
                                                   'class="snippet"', '<b>', 'name="author"',
                                                   'name="site"', 'id="follow-this"']),
            'entity': ('#/entity/' + quote(ent), ['id="entity-articles"', 'id="variants"',
                                                  '/feeds/entity/', 'id="entity-chart"']),
            'entities': ('#/entities', ['id="entities"', 'href="#/entity/', 'id="rising"',
                                        'Rising now']),
            'follows': ('#/follows', ['id="follows"', 'Read only: editing follows needs',
                                      'Nothing followed yet.']),
        }
        for width in (1400, 400):
            for name, (frag, needles) in views.items():
                r = chromium(exe, profile, [f'--window-size={width},1000',
                                            '--virtual-time-budget=5000',
                                            '--dump-dom', url + '/' + frag])
                dom = r.stdout.decode('utf-8', 'replace')
                missing = [n for n in needles if n not in dom]
                ok(f'{name} view at {width} px has its parts', not missing,
                   f'missing {missing}: ' + dom[-600:])
                if name == 'stories':
                    ok(f'stories at {width} px: every story shown by a headline',
                       '>story ' not in dom and items >= 1)
                path = os.path.join(outdir, f'view-{name}-{width}.png')
                if os.path.exists(path):
                    os.remove(path)
                chromium(exe, profile, [f'--window-size={width},1000',
                                        '--virtual-time-budget=5000',
                                        '--hide-scrollbars',
                                        '--screenshot=' + path, url + '/' + frag])
                ok(f'screenshot of {name} at {width} px saved', os.path.exists(path), path)
                if os.path.exists(path):
                    w, h, rows = png_pixels(path)
                    ok(f'{name} at {width} px renders {width} px wide', w == width, w)

        shots = {}
        for name, frag in (('stories', '#/'), ('story', f'#/story/{sid}')):
            path = os.path.join(outdir, f'page-{name}.png')
            if os.path.exists(path):
                os.remove(path)
            chromium(exe, profile, ['--window-size=1200,900',
                                    '--screenshot=' + path, url + '/' + frag])
            ok(f'screenshot of the {name} page saved', os.path.exists(path),
               path)
            shots[name] = path if os.path.exists(path) else None

        if shots.get('story'):
            w, h, rows = png_pixels(shots['story'])
            bars = count_colour(rows, (0x3d, 0x7c, 0xc9))
            ok(f'timeline bars visible in the story screenshot ({bars} px)',
               bars >= 50)
        if shots.get('stories'):
            w, h, rows = png_pixels(shots['stories'])
            # the story titles are links in the accent colour
            links = count_colour(rows, (0x1b, 0x5f, 0xa8), tol=40)
            ok(f'story titles visible in the list screenshot ({links} px)',
               links >= 100)

        follows_edited(exe, profile, tidings, db, outdir)

        # the API fetch is cross-checked: a bad route shows an error, not a
        # blank page
        r = chromium(exe, profile, ['--dump-dom', f'{url}/#/story/99999999'])
        dom = r.stdout.decode('utf-8', 'replace')
        ok('unknown story shows an error', 'class="error"' in dom)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(profile, ignore_errors=True)
    ok('server stops cleanly', server.returncode == 0,
       f'exit {server.returncode}')
    finish()


if __name__ == '__main__':
    main()
