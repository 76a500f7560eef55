#!/usr/bin/env python3
"""Test tooling for tests/cli/test_web.sh (never part of tidings):

  webtool.py serve DIR PORTFILE   a loopback HTTP server over our fixtures,
                                  with slow, failing, redirecting, looping
                                  and oversized routes; writes its port
  webtool.py warc OUT [--plain]   a WARC.gz (or plain WARC) made of our own
                                  text: mixed record types, a chunked
                                  response, a cp1251 page, and a truncated
                                  last record
"""
import gzip, http.server, os, socketserver, sys, time

PAGE = """<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<meta property="article:published_time" content="{date}"></head><body>
<nav><a href="/">Home</a> <a href="/x">Other</a></nav><article><h1>{title}</h1>
<p>{p1}</p><p>{p2}</p></article><div class="comments"><p>COMMENTMARKER should never be ingested, a long comment, with commas, and words.</p></div>
<footer>FOOTERMARKER</footer></body></html>"""

def page(n):
    texts = {
        1: ("en", "Lighthouse keeper retires", "2022-03-01", "The last lighthouse keeper on the island retired on Monday after forty-one years of service, the harbour authority said.",
            "An automatic lamp installed last spring now guides the ships, and the tower will open to visitors in the summer as a small museum."),
        2: ("de", "Neue Fähre für den See", "2022-03-02", "Die Gemeinde hat eine neue Fähre für den See bestellt, die ab Juni zwischen den beiden Ufern pendeln soll, teilte der Bürgermeister mit.",
            "Das Schiff fährt elektrisch und bietet Platz für achtzig Fahrgäste sowie zwanzig Fahrräder, die Kosten liegen bei drei Millionen Euro."),
    }
    lang, title, date, p1, p2 = texts[n]
    return PAGE.format(lang=lang, title=title, date=date, p1=p1, p2=p2)

def feed(base):
    return f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback News</title>
<item><title>Lighthouse keeper retires</title><link>{base}/page1.html</link><guid>loop-1</guid><pubDate>Tue, 01 Mar 2022 09:00:00 GMT</pubDate><description>Short teaser.</description></item>
<item><title>Neue Fähre</title><link>{base}/page2.html</link><guid>loop-2</guid><pubDate>Wed, 02 Mar 2022 09:00:00 GMT</pubDate><description>Kurz.</description></item>
</channel></rss>"""

class H(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass
    def send(self, code, body, ctype="text/html; charset=utf-8", extra=()):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for k, v in extra:
            self.send_header(k, v)
        self.end_headers()
        try:
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass
    def do_GET(self):
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        p = self.path.split("?")[0]
        hits = self.server.hits
        hits[p] = hits.get(p, 0) + 1
        if p == "/feed.xml":
            if self.headers.get("If-None-Match") == '"v1"':
                self.send_response(304); self.send_header("ETag", '"v1"'); self.end_headers(); return
            self.send(200, feed(base), "application/rss+xml", [("ETag", '"v1"'), ("Last-Modified", "Tue, 01 Mar 2022 10:00:00 GMT")])
        elif p in ("/page1.html", "/page2.html"):
            self.send(200, page(int(p[5])))
        elif p.startswith("/fixtures/"):
            name = os.path.basename(p)
            path = os.path.join(self.server.dir, name)
            if not os.path.isfile(path):
                return self.send(404, "no such fixture")
            ctype = "application/xml" if name.endswith(".xml") else "application/octet-stream" if ".warc" in name else "text/html"
            self.send(200, open(path, "rb").read(), ctype)
        elif p == "/slow":
            time.sleep(5); self.send(200, page(1))
        elif p == "/fail":
            self.send(500, "internal error")
        elif p == "/redirect":
            self.send(302, "", extra=[("Location", "/feed.xml")])
        elif p == "/loop":
            self.send(302, "", extra=[("Location", "/loop")])
        elif p == "/big":
            self.send(200, "<html><body><p>" + "x" * (3 << 20) + "</p></body></html>")
        elif p == "/hits":
            self.send(200, "\n".join(f"{k} {v}" for k, v in sorted(hits.items())), "text/plain")
        else:
            self.send(404, "not found")

class S(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True

def serve(d, portfile):
    s = S(("127.0.0.1", 0), H)
    s.dir, s.hits = d, {}
    with open(portfile + ".tmp", "w") as f:
        f.write(str(s.server_address[1]))
    os.rename(portfile + ".tmp", portfile)
    s.serve_forever()

def record(rtype, uri, payload, ctype):
    head = (f"WARC/1.0\r\nWARC-Type: {rtype}\r\nWARC-Date: 2022-04-0{len(uri) % 9 + 1}T12:00:00Z\r\n"
            f"WARC-Record-ID: <urn:uuid:{abs(hash(uri + rtype))}>\r\n"
            + (f"WARC-Target-URI: {uri}\r\n" if uri else "")
            + f"Content-Type: {ctype}\r\nContent-Length: {len(payload)}\r\n\r\n")
    return head.encode() + payload + b"\r\n\r\n"

def http_resp(body, ctype="text/html; charset=utf-8", status="200 OK", extra=""):
    return f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\n{extra}\r\n".encode() + body

def warc(out, plain):
    p1 = page(1).encode()
    ru = ("<html><head><title>Новости</title></head><body><article><p>Городской совет утвердил новый бюджет, увеличив расходы на ремонт дорог и школ.</p>"
          "<p>Депутаты спорили четыре часа, но в итоге проголосовали за покупку сорока автобусов.</p></article></body></html>").encode("cp1251")
    p2 = page(2).encode()
    chunked = b"%x\r\n%s\r\n%x\r\n%s\r\n0\r\n\r\n" % (len(p2[:100]), p2[:100], len(p2[100:]), p2[100:])
    recs = [
        record("warcinfo", "", b"software: webtool\r\n", "application/warc-fields"),
        record("request", "http://one.example/a", b"GET /a HTTP/1.1\r\nHost: one.example\r\n\r\n", "application/http; msgtype=request"),
        record("response", "http://one.example/a", http_resp(p1), "application/http; msgtype=response"),
        record("metadata", "http://one.example/a", b"fetchTimeMs: 12\r\n", "application/warc-fields"),
        record("response", "http://one.example/logo.png", http_resp(b"\x89PNG\r\n\x1a\n\0\0", "image/png"), "application/http; msgtype=response"),
        record("response", "http://one.example/old", http_resp(b"<html>moved</html>", status="301 Moved Permanently", extra="Location: /new\r\n"), "application/http; msgtype=response"),
        record("response", "http://ru.example/news", http_resp(ru, "text/html; charset=windows-1251"), "application/http; msgtype=response"),
        record("response", "http://two.example/b", http_resp(chunked, extra="Transfer-Encoding: chunked\r\n"), "application/http; msgtype=response"),
    ]
    last = record("response", "http://cut.example/c", http_resp(p1), "application/http; msgtype=response")
    last = last[: len(last) // 2]  # truncated: the crawl was cut short
    with open(out, "wb") as f:
        for r in recs:
            f.write(r if plain else gzip.compress(r))
        f.write(last if plain else gzip.compress(last))

if __name__ == "__main__":
    if sys.argv[1] == "serve":
        serve(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "warc":
        warc(sys.argv[2], "--plain" in sys.argv)
