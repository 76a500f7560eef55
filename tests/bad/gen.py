#!/usr/bin/env python3
"""gen.py -- writes the bad-input corpus of tests/bad/ and its table.

Run from anywhere: python3 tests/bad/gen.py. It rewrites every input file
and cases.tsv, one line per input:

    FILE <TAB> EXIT <TAB> EXPECTED <TAB> ARGS

EXIT is the status `tidings ingest [ARGS] FILE` must end with, EXPECTED a
substring its stderr must hold (for exit 0 with no warning: "-", which
means stderr must hold no line at all). Every input here was written for
this corpus; none comes from the dev or held-out data. The checker is in
tests/cli/test_errors.sh.
"""
import gzip
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
cases = []

TEXT = ('The central bank raised its main interest rate by half a point on '
        'Tuesday, the third increase this year, citing persistent inflation '
        'in food and energy prices across the region.')
TEXT2 = ('Heavy rain flooded the lower town overnight and the river rose two '
         'metres above its usual level, closing the old bridge to traffic.')


def put(name, data, exit_status, expected, args=''):
    if isinstance(data, str):
        data = data.encode('utf-8')
    with open(os.path.join(HERE, name), 'wb') as f:
        f.write(data)
    cases.append((name, exit_status, expected, args))


def jl(*objs):
    import json
    return ''.join(json.dumps(o, ensure_ascii=False) + '\n' for o in objs)


# ------------------------------------------------------------ plain text
put('empty.txt', b'', 1, 'empty article')
put('blank.txt', b'\n  \n\t\n', 1, 'no article text left after cleaning')
put('latin1.txt', 'caf\xe9 au lait, un texte mal encod\xe9.\n'.encode('latin-1'),
    1, 'invalid UTF-8 at byte 3')
put('overlong-slash.txt', b'an overlong slash \xc0\xaf in the text\n', 1,
    'invalid UTF-8')
put('surrogate.txt', b'a lone surrogate \xed\xa0\x80 in the text\n', 1,
    'invalid UTF-8')
put('cut-utf8.txt', TEXT.encode() + b' \xe2\x82', 1, 'invalid UTF-8')
put('binary.bin', bytes(range(256)) * 8, 1, 'binary file, not text')
put('nul-inside.txt', TEXT.encode() + b'\x00\x00\x00' + TEXT.encode(), 1,
    'binary')
put('utf16.txt', ('\ufeff' + TEXT).encode('utf-16-le'), 1, 'binary')
put('pdf.pdf', b'%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n'
    + bytes(range(0, 32)) * 20, 1, 'binary')
put('png.png', b'\x89PNG\r\n\x1a\n' + bytes(200), 1, 'binary')
put('markup-only.txt', '<p></p>\n< /p>\n&nbsp;\n', 1,
    'no article text left after cleaning')
put('punct-only.txt', '!!! ??? ... --- *** ###\n', 1,
    'no article text left after cleaning')
put('bom-only.txt', b'\xef\xbb\xbf', 1, 'no article text')
put('ok.txt', TEXT + '\n', 0, '-')

# ------------------------------------------------- XML that is no article
put('drawing.svg', '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
    'width="10"><text>' + TEXT + '</text></svg>\n', 1,
    'XML with root <svg> is neither HTML nor an RSS/Atom feed')
put('bare.svg', '<svg xmlns="http://www.w3.org/2000/svg"><text>' + TEXT +
    '</text></svg>\n', 1, 'XML with root <svg>')
put('places.kml', '<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">'
    '<Placemark><name>' + TEXT + '</name></Placemark></kml>\n', 1,
    'XML with root <kml>')
put('sitemap.xml', '<?xml version="1.0"?>\n<!-- generated -->\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    '<url><loc>http://example.org/a</loc></url></urlset>\n', 1,
    'XML with root <urlset>')
put('note.xml', '<?xml version="1.0"?>\n<note><msg>' + TEXT + '</msg></note>\n',
    1, 'XML with root <note>')

# ----------------------------------------------------------- JSON Lines
put('date-feb30.jsonl', jl({'id': 'b1', 'text': TEXT, 'date': '2022-02-30'}), 0,
    'date-feb30.jsonl:1: warning: field "date" \'2022-02-30\': no day 30 in 2022-02')
put('date-year0.jsonl', jl({'id': 'b2', 'text': TEXT, 'date': '0000-01-01'}), 0,
    'date-year0.jsonl:1: warning: field "date" \'0000-01-01\': year 0000 is before 1000')
put('date-word.jsonl', jl({'id': 'b3', 'text': TEXT, 'date': 'yesterday'}), 0,
    'date-word.jsonl:1: warning: field "date" \'yesterday\': not a date')
put('date-month13.jsonl', jl({'id': 'b4', 'text': TEXT, 'date': '2022-13-45'}), 0,
    'date-month13.jsonl:1: warning: field "date" \'2022-13-45\': no month 13')
put('date-year5.jsonl', jl({'id': 'b5', 'text': TEXT, 'date': '99999-01-01'}), 0,
    'date-year5.jsonl:1: warning: field "date" \'99999-01-01\': not a date')
put('date-yearonly.jsonl', jl({'id': 'b6', 'text': TEXT, 'date': '2022'}), 0,
    'warning: field "date" \'2022\': only a year')
put('date-feb29.jsonl', jl({'id': 'b7', 'text': TEXT, 'date': '2023-02-29'}), 0,
    'no day 29 in 2023-02')
put('date-leap-ok.jsonl', jl({'id': 'b8', 'text': TEXT, 'date': '2024-02-29T10:00:00Z'}),
    0, '-')
put('date-second-line.jsonl', jl({'id': 'b9', 'text': TEXT, 'date': '2022-01-07'},
                                 {'id': 'b10', 'text': TEXT2, 'date': '2022-04-31'}),
    0, 'date-second-line.jsonl:2: warning: field "date" \'2022-04-31\'')
put('lang-unknown.jsonl', jl({'id': 'l1', 'text': TEXT, 'lang': 'xx-unknown'}), 0,
    'lang-unknown.jsonl:1: warning: field "lang" \'xx-unknown\': not a known language code')
put('lang-digits.jsonl', jl({'id': 'l2', 'text': TEXT, 'lang': '12'}), 0,
    'warning: field "lang" \'12\'')
put('lang-english.jsonl', jl({'id': 'l3', 'text': TEXT, 'lang': 'english'}), 0,
    'warning: field "lang" \'english\'')
put('lang-ok.jsonl', jl({'id': 'l4', 'text': TEXT, 'lang': 'en-GB'}), 0, '-')
put('dup-key.jsonl', '{"id":"k1","text":"%s","text":"%s"}\n' % (TEXT, TEXT2), 0,
    'dup-key.jsonl:1: warning: duplicate key "text"; the last value is used')
put('dup-id.jsonl', '{"id":"k2","id":"k3","text":"%s"}\n' % TEXT, 0,
    'warning: duplicate key "id"')
put('text-and-html.jsonl', jl({'id': 'h1', 'text': TEXT, 'html': '<p>' + TEXT2 + '</p>'}),
    0, 'warning: fields "text" and "html" both given')
put('array.jsonl', '[' + jl({'id': 'a1', 'text': TEXT}).strip() + ',\n' +
    jl({'id': 'a2', 'text': TEXT2}).strip() + ']\n', 0, '-')
put('array.json', '  [ {"id": "a3", "text": "%s"} ]' % TEXT, 0, '-')
put('array-empty.json', '[]\n', 1, 'an empty JSON array: no article')
put('array-strings.jsonl', '["an", "array", "of", "words"]\n', 1,
    'array-strings.jsonl:[1]: a JSON object expected')
put('array-mixed.jsonl', '[{"id": "a4", "text": "%s"}, 42]\n' % TEXT, 1,
    'array-mixed.jsonl:[2]: a JSON object expected')
put('array-broken.jsonl', '[{"id": "a5", "text": "%s"},\n' % TEXT, 1,
    'a JSON array of articles expected')
put('array-nested.jsonl', '[[{"id": "a6", "text": "%s"}]]\n' % TEXT, 1,
    'array-nested.jsonl:[1]: a JSON object expected')
put('malformed.jsonl', '{"id":"m1", "text": "no closing brace"\n', 1,
    'malformed.jsonl:1: malformed JSON')
put('malformed-mid.jsonl', jl({'id': 'm2', 'text': TEXT}) +
    '{"id":"m3" "text": "no colon"}\n' + jl({'id': 'm4', 'text': TEXT2}),
    1, 'malformed-mid.jsonl:2: malformed JSON at column')
put('truncated.jsonl', jl({'id': 'm5', 'text': TEXT}) + '{"id":"m6","text":"the crawler died in the mid',
    1, 'truncated.jsonl:2: truncated JSON line')
put('number-line.jsonl', '{"id":"m7","text":"%s"}\n42\n' % TEXT, 1,
    "number-line.jsonl:2: malformed JSON at column 2: '[' or '{' expected")
put('string-line.jsonl', '{"id":"m8","text":"%s"}\n"just a string"\n' % TEXT, 1,
    "string-line.jsonl:2: malformed JSON at column 15: '[' or '{' expected")
put('text-number.jsonl', '{"id":"m9","text":5}\n', 1,
    'field "text" must be a string')
put('id-object.jsonl', '{"id":{},"text":"%s"}\n' % TEXT, 1,
    'field "id" must be a string')
put('title-array.jsonl', '{"title":["a"],"text":"%s"}\n' % TEXT, 1,
    'field "title" must be a string')
put('url-number.jsonl', '{"url":3,"text":"%s"}\n' % TEXT, 1,
    'field "url" must be a string')
put('no-text.jsonl', '{"id":"m10","title":"a title alone"}\n', 1,
    'no-text.jsonl:1: no "text" or "html" field')
put('text-empty.jsonl', '{"id":"m11","text":""}\n', 1, 'empty article')
put('text-blank.jsonl', '{"id":"m12","text":"   \\n\\t  "}\n', 1,
    'no article text left after cleaning')
put('bad-utf8.jsonl', b'{"id":"m13","text":"caf\xe9"}\n', 1,
    'bad-utf8.jsonl:1: invalid UTF-8 at byte')
put('nul-escape.jsonl', '{"id":"m14","text":"a\\u0000b\\u0000c\\u0000d\\u0000e"}\n',
    1, 'binary')
put('deep.jsonl', '{"id":"m15","text":"%s","x":%s%s}\n' % (TEXT, '[' * 5000, ']' * 5000),
    1, 'deep.jsonl:1: malformed JSON')
put('comment.jsonl', '// a comment\n' + jl({'id': 'm16', 'text': TEXT}), 1,
    'comment.jsonl:1: malformed JSON')
put('single-quotes.jsonl', "{'id': 'm17', 'text': 'quoted wrongly'}\n", 1,
    'single-quotes.jsonl:1: ')
put('trailing-comma.jsonl', '{"id":"m18","text":"%s",}\n' % TEXT, 1,
    'trailing-comma.jsonl:1: malformed JSON')
put('crlf.jsonl', jl({'id': 'm19', 'text': TEXT}).replace('\n', '\r\n') +
    jl({'id': 'm20', 'text': TEXT2}).replace('\n', '\r\n'), 0, '-')
put('blank-lines.jsonl', '\n\n' + jl({'id': 'm21', 'text': TEXT}) + '\n  \n', 0, '-')
put('long-line.jsonl', jl({'id': 'big1', 'text': TEXT * 40}) + jl({'id': 'm22', 'text': TEXT2}),
    1, 'long-line.jsonl:1: record longer than the 4096-byte limit (--max-record)',
    '--max-record 4K')
put('long-text.txt', (TEXT + '\n') * 40, 1,
    'larger than the 4096-byte record limit (--max-record)', '--max-record 4K')
put('html-field.jsonl', jl({'id': 'm23', 'html': '<html><body><script>x()</script></body></html>'}),
    1, 'no article text')

# ------------------------------------------------------------------ HTML
put('empty-body.html', '<!doctype html><html><head><title>t</title></head><body></body></html>\n',
    1, 'no article text in the HTML page')
put('script-only.html', '<html><body><script>var a = "%s";</script></body></html>\n' % TEXT,
    1, 'no article text')

# ----------------------------------------------------------------- feeds
put('xxe.rss', '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
    '<rss version="2.0"><channel><title>t</title><item><title>&x;</title>'
    '<description>' + TEXT + '</description></item></channel></rss>\n', 0, '-')
put('laughs.rss', '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
    '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
    '<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">]>\n'
    '<rss version="2.0"><channel><title>t</title><item><title>&e;</title>'
    '<description>' + TEXT + '</description></item></channel></rss>\n', 1,
    'laughs.rss#1: ')
put('no-items.rss', '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>t</title></channel></rss>\n',
    1, 'no-items.rss')
put('broken.atom', '<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x',
    1, 'broken.atom')

# ------------------------------------------------------------------ WARC


def http_response(body, status='200 OK', ctype='text/html; charset=utf-8'):
    return ('HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n'
            % (status, ctype, len(body.encode()))).encode() + body.encode()


PAGE = '<html><body><article><h1>Rates up</h1><p>%s</p><p>%s</p></article></body></html>' % (TEXT, TEXT2)


def record(rtype, block, uri='http://example.org/a', ctype='application/http; msgtype=response',
           nl='\r\n', length=None, version='WARC/1.0', extra=''):
    head = [version, 'WARC-Type: ' + rtype, 'WARC-Target-URI: ' + uri,
            'WARC-Date: 2022-01-07T10:00:00Z',
            'WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>',
            'Content-Type: ' + ctype,
            'Content-Length: ' + (str(len(block)) if length is None else length)]
    if extra:
        head.append(extra)
    return (nl.join(head) + nl + nl).encode() + block + (nl + nl).encode()


info = record('warcinfo', b'software: gen.py\r\n', ctype='application/warc-fields')
good = record('response', http_response(PAGE))
put('crlf.warc', info + good, 0, '-')
put('lf.warc', record('warcinfo', b'software: gen.py\n', ctype='application/warc-fields', nl='\n')
    + record('response', http_response(PAGE).replace(b'\r\n', b'\n'), nl='\n'), 0, '-')
put('warc11.warc', record('response', http_response(PAGE), version='WARC/1.1'), 0, '-')
put('continued.warc', record('response', http_response(PAGE),
                             extra='WARC-Warcinfo-Note: a field\r\n  continued on a second line'),
    0, '-')
put('negative-length.warc', record('response', http_response(PAGE), length='-5'), 1,
    "WARC Content-Length '-5' is not a byte count")
put('huge-length.warc', record('response', http_response(PAGE), length='99999999999999999999'),
    1, 'is not a byte count')
put('garbage-length.warc', record('response', http_response(PAGE), length='12abc'), 1,
    "Content-Length '12abc' is not a byte count")
put('no-length.warc', b'WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http\r\n\r\n'
    + http_response(PAGE), 1, 'WARC record without a valid Content-Length')
put('only-warcinfo.warc', info, 1, 'no article in 1 WARC record: 1 warcinfo')
put('only-404.warc', info + record('response', http_response('<html><body>gone</body></html>', '404 Not Found'))
    + record('response', http_response('', '301 Moved Permanently')), 1,
    'no article in 3 WARC records: 1 warcinfo, 2 HTTP status not 2xx')
put('only-images.warc', record('response', http_response('\x89PNG', ctype='image/png'))
    + record('request', b'GET /a HTTP/1.1\r\nHost: example.org\r\n\r\n', ctype='application/http; msgtype=request')
    + record('metadata', b'via: x\r\n', ctype='application/warc-fields')
    + record('revisit', b'', ctype='application/http'), 1,
    'no article in 4 WARC records: 1 request, 1 metadata, 1 other record type, 1 response not HTML')
put('not-http.warc', record('response', PAGE.encode(), ctype='text/html'), 1,
    'no article in 1 WARC record: 1 response not HTTP')
put('truncated-body.warc', good[:len(good) // 2], 1, 'truncated WARC record: input ends')
put('truncated-head.warc', good[:60], 1, 'truncated WARC record: input ends inside its header')
put('garbage-after.warc', good + b'this is not a record\r\n\r\n', 1,
    'no WARC/1.x version line where a record should start')
put('over-limit.warc', good, 1, 'over the 256-byte record limit (--max-record)',
    '--max-record 256')
put('bad-http.warc', record('response', b'NOT HTTP AT ALL\r\n\r\n<p>x</p>'), 1,
    'response record without an HTTP header')
put('good.warc.gz', gzip.compress(info, mtime=0) + gzip.compress(good, mtime=0), 0, '-')
gz = gzip.compress(info, mtime=0) + gzip.compress(good, mtime=0)
put('truncated.warc.gz', gz[:len(gz) - 30], 1, '')
put('corrupt.warc.gz', gz[:40] + b'\x00' * 40 + gz[80:], 1, '')
put('gzip-text.gz', gzip.compress((TEXT + '\n').encode(), mtime=0), 1, 'not a WARC file')

# Continuation lines (WARC 1.1 section 4, RFC 2616 2.2): a line starting
# with a space or tab continues the field before it and is joined to it
# with one space, in the WARC header and in a response's HTTP header.
# tests/cli/test_errors.sh also checks what the joined fields stored.


def warc_head(fields, block, version='WARC/1.1'):
    return (version + '\r\n' + ''.join(f + '\r\n' for f in fields)
            + 'Content-Length: %d\r\n\r\n' % len(block)).encode() + block + b'\r\n\r\n'


put('continued-fields.warc',
    (b'WARC/1.1\r\nWARC-Type:\r\n response\r\nWARC-Target-URI:\r\n\thttp://example.org/continued\r\n'
     b'WARC-Date:\r\n   2022-03-04T10:00:00Z\r\nContent-Type: application/http;\r\n msgtype=response\r\n'
     b'Content-Length:\r\n %d\r\n\r\n' % len(http_response(PAGE))) + http_response(PAGE) + b'\r\n\r\n',
    0, '-')
put('continued-http.warc',
    warc_head(['WARC-Type: response', 'WARC-Target-URI: http://example.org/h',
               'Content-Type: application/http; msgtype=response'],
              b'HTTP/1.1 200 OK\r\nContent-Type:\r\n text/html;\r\n\tcharset=utf-8\r\n\r\n'
              + ('<html><body><article><h1>Flood</h1><p>%s</p></article></body></html>' % TEXT2).encode()),
    0, '-')
CYR = ('<html><body><article><h1>\u0421\u0442\u0430\u0432\u043a\u0430</h1><p>\u0426\u0435\u043d\u0442\u0440\u0430\u043b\u044c\u043d\u044b\u0439 '
       '\u0431\u0430\u043d\u043a \u043f\u043e\u0434\u043d\u044f\u043b \u043a\u043b\u044e\u0447\u0435\u0432\u0443\u044e \u0441\u0442\u0430\u0432\u043a\u0443 \u043d\u0430 \u043f\u043e\u043b\u043f\u0440\u043e\u0446\u0435\u043d\u0442\u0430 '
       '\u0432\u043e \u0432\u0442\u043e\u0440\u043d\u0438\u043a, \u0443\u0436\u0435 \u0442\u0440\u0435\u0442\u0438\u0439 \u0440\u0430\u0437 \u0437\u0430 \u0433\u043e\u0434, \u0438\u0437-\u0437\u0430 \u0440\u043e\u0441\u0442\u0430 \u0446\u0435\u043d \u043d\u0430 '
       '\u043f\u0440\u043e\u0434\u0443\u043a\u0442\u044b \u0438 \u044d\u043d\u0435\u0440\u0433\u0438\u044e \u0432\u043e \u0432\u0441\u0435\u043c \u0440\u0435\u0433\u0438\u043e\u043d\u0435.</p></article></body></html>')
put('continued-charset.warc',
    warc_head(['WARC-Type: response', 'WARC-Target-URI: http://example.org/cyr',
               'Content-Type: application/http; msgtype=response'],
              b'HTTP/1.1 200 OK\r\nContent-Type: text/html;\r\n charset=koi8-r\r\n\r\n'
              + CYR.encode('koi8_r')),
    0, '-')
put('continued-first.warc',
    warc_head(['  a fold with no field before it', 'WARC-Type: response',
               'WARC-Target-URI: http://example.org/f',
               'Content-Type: application/http; msgtype=response'], http_response(PAGE)),
    0, '-')
put('continued-length.warc',
    b'WARC/1.1\r\nWARC-Type: response\r\nContent-Type: application/http\r\n'
    b'Content-Length: 4\r\n 64\r\n\r\n' + http_response(PAGE), 1,
    "WARC Content-Length '4 64' is not a byte count")
put('continued-too-long.warc',
    warc_head(['WARC-Type: response', 'WARC-Warcinfo-Note: x'] + [' ' + 'y' * 3000] * 3
              + ['Content-Type: application/http'], http_response(PAGE)),
    1, 'WARC header field longer than 8 KiB')

with open(os.path.join(HERE, 'cases.tsv'), 'w') as f:
    f.write('# FILE\tEXIT\tEXPECTED (stderr substring; - = no stderr line)\tARGS'
            ' -- written by gen.py\n')
    for name, st, exp, args in cases:
        f.write('%s\t%d\t%s\t%s\n' % (name, st, exp, args))
print('%d inputs' % len(cases), file=sys.stderr)
